import Foundation
import SiteContent

#if canImport(Glibc)
    import Glibc
#endif

/// Walks a folder tree without following symbolic links.
enum FileTree {
    /// Calls `visit` with the path relative to `root` and the kind of every entry below it (the
    /// `S_IFMT` bits of its mode); the entries of a folder are visited when `visit` returns
    /// `true` for it. Kinds come from the folder listing where the file system gives them, so
    /// most entries cost no `lstat`.
    ///
    /// The tree is taken a depth at a time: the folders of one depth are listed on all cores
    /// (an output folder has thousands), then their entries visited in order, on this thread.
    /// - Throws: When a folder cannot be listed or an entry looked at, naming it.
    static func walk(_ root: URL, _ visit: (_ path: String, _ kind: mode_t) throws -> Bool) throws {
        var level = [""]
        while !level.isEmpty {
            let chunks = stride(from: 0, to: level.count, by: foldersPerTask).map {
                level[$0..<min(level.count, $0 + foldersPerTask)]
            }
            let listed = try concurrentMap(chunks.count) { index in
                try chunks[index].map { folder in (folder, try kindedEntries(of: root, folder)) }
            }
            var next: [String] = []
            for (folder, entries) in listed.joined() {
                for (name, kind) in entries {
                    let path = folder.isEmpty ? name : folder + "/" + name
                    if try visit(path, kind), kind == S_IFDIR { next.append(path) }
                }
            }
            level = next
        }
    }

    /// How many folders one task lists.
    private static let foldersPerTask = 64

    /// The entries of `folder` (relative to `root`), each with its kind, looked at with `lstat`
    /// where the listing does not tell it.
    private static func kindedEntries(of root: URL, _ folder: String) throws -> [(name: String, kind: mode_t)] {
        let base = folder.isEmpty ? root.path : root.path + "/" + folder
        return try entries(of: base, named: folder).map { name, listedKind in
            if let listedKind { return (name, listedKind) }
            var status = stat()
            guard lstat(base + "/" + name, &status) == 0 else {
                throw error(folder.isEmpty ? name : folder + "/" + name)
            }
            return (name, status.st_mode & S_IFMT)
        }
    }

    /// The names in the folder at `path`, each with its kind when the listing tells it.
    /// - Throws: When the folder cannot be listed or holds a name that is not UTF-8, naming
    ///   `relative` (the folder's path in the walk).
    static func entries(of path: String, named relative: String) throws -> [(name: String, kind: mode_t?)] {
        let listed: [FolderListing.Entry]
        do {
            listed = try FolderListing.entries(of: path)
        } catch {
            throw Self.error(relative, code: error.code.rawValue)
        }
        return try listed.map { entry in
            guard entry.isUTF8 else {
                throw error(relative.isEmpty ? entry.name : relative + "/…", code: EILSEQ)
            }
            return (entry.name, entry.kind)
        }
    }

    private static func error(_ path: String, code: Int32 = errno) -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO, userInfo: [NSFilePathErrorKey: path])
    }
}
