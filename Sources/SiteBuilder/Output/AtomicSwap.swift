import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Replaces one folder with another in a single step where the system allows it.
enum AtomicSwap {
    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Linux's `renameat2`, looked up at run time because Swift's Glibc module does not
    /// declare it.
    private static let renameAt2: RenameAt2? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
            return nil
        #endif
    }()

    /// Puts `staged` at `destination`. When `destination` exists, the two are exchanged
    /// atomically (so `destination` is never missing, whatever happens) and the old contents
    /// end up at `staged`'s path for the caller to delete.
    /// - Returns: `true` when an old `destination` now sits at `staged`'s path.
    static func install(_ staged: URL, at destination: URL) throws -> Bool {
        guard FileManager.default.fileExists(atPath: destination.path) else {
            try FileManager.default.moveItem(at: staged, to: destination)
            return false
        }
        #if os(Linux)
            let renameExchange: UInt32 = 1 << 1
            if let renameAt2, renameAt2(AT_FDCWD, staged.path, AT_FDCWD, destination.path, renameExchange) == 0 {
                return true
            }
        #endif
        // No atomic exchange here: move the old folder aside, then the new one in.
        let aside = staged.deletingLastPathComponent().appending(path: staged.lastPathComponent + "-old")
        try FileManager.default.moveItem(at: destination, to: aside)
        do {
            try FileManager.default.moveItem(at: staged, to: destination)
        } catch {
            try? FileManager.default.moveItem(at: aside, to: destination)
            throw error
        }
        try FileManager.default.moveItem(at: aside, to: staged)
        return true
    }
}
