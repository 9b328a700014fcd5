import Foundation
import GazetteCore
import SiteContent

#if canImport(Glibc)
    import Glibc
#endif

/// A digest of what a folder tree looks like from its file system entries alone: every path
/// with its kind, size, inode and modification time, found without reading any file. Editing,
/// adding, removing, renaming or touching a file changes it.
enum TreeStamp {
    /// Adds the tree under `root` to `hasher`, following symbolic links (a link's target is
    /// what a build reads) but never into a folder twice. A missing root adds only its absence.
    static func add(_ root: URL, to hasher: inout ContentHasher) {
        var visited = Set<[UInt64]>()
        var pending = [(root.path, "")]
        while let (path, relative) = pending.popLast() {
            var status = stat()
            guard stat(path, &status) == 0 else {
                hasher.combine("missing \(relative)")
                continue
            }
            let kind = status.st_mode & S_IFMT
            hasher.combine("\(relative)\u{0}\(kind)\u{0}\(FileReading.stamp(of: status))")
            guard kind == S_IFDIR, visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted else {
                continue
            }
            guard let entries = try? FileTree.entries(of: path, named: relative) else {
                hasher.combine("unreadable \(relative)")
                continue
            }
            for name in entries.map(\.name).sorted().reversed() {
                pending.append((path + "/" + name, relative.isEmpty ? name : relative + "/" + name))
            }
        }
    }
}
