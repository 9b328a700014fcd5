import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Walks a folder tree without following symbolic links.
enum FileTree {
    /// Calls `visit` with the path relative to `root` and the `lstat` mode of every entry below
    /// it; the entries of a folder are visited when `visit` returns `true` for it.
    /// - Throws: When a folder cannot be listed or an entry looked at, naming it.
    static func walk(_ root: URL, _ visit: (_ path: String, _ mode: mode_t) throws -> Bool) throws {
        var pending = [""]
        while let folder = pending.popLast() {
            let base = folder.isEmpty ? root.path : root.path + "/" + folder
            for name in try FileManager.default.contentsOfDirectory(atPath: base) {
                let path = folder.isEmpty ? name : folder + "/" + name
                var status = stat()
                guard lstat(base + "/" + name, &status) == 0 else {
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: path])
                }
                if try visit(path, status.st_mode), (status.st_mode & S_IFMT) == S_IFDIR { pending.append(path) }
            }
        }
    }
}
