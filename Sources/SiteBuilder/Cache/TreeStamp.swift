import Foundation
import GazetteCore
import SiteContent
import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// A digest of what a folder tree looks like from its file system entries alone: every path
/// with its kind, size, inode and modification time, found without reading any file. Editing,
/// adding, removing, renaming or touching a file changes it.
enum TreeStamp {
    /// Adds the tree under `root` to `hasher`, following symbolic links (a link's target is
    /// what a build reads) but never into a folder twice. A missing root adds only its absence.
    ///
    /// The tree is taken a depth at a time, each depth's entries looked at on all cores (a
    /// content folder has tens of thousands, and looking costs a system call or two each), and
    /// added in order: by depth, then by the order of their folders, then by name.
    /// - Parameter files: Given the stamp of each file of the tree by its path below `root`
    ///   (`posts/a.md`), as it was looked at.
    static func add(_ root: URL, to hasher: inout ContentHasher, files: ((String, FileStamp) -> Void)? = nil) {
        var visited = Set<FileIdentity>()
        var level = [(path: root.path, relative: "")]
        while !level.isEmpty {
            let looked = concurrentMap(level, chunk: entriesPerTask, look)
            var next: [(path: String, relative: String)] = []
            for entry in looked {
                hasher.combine(entry.relative)
                hasher.combine(entry.kind)
                entry.stamp?.combine(into: &hasher)
                if let files, entry.folder == nil, let stamp = entry.stamp { files(entry.relative, stamp) }
                guard let folder = entry.folder, visited.insert(folder.identity).inserted else { continue }
                if let children = folder.children {
                    next += children
                } else {
                    hasher.combine("unreadable \(entry.relative)")
                }
            }
            level = next
        }
    }

    /// How many entries one task looks at.
    private static let entriesPerTask = 256

    /// What one entry adds to the digest, and for a folder, its identity and its entries.
    private struct Look {
        let relative: String
        /// The file type bits of its mode; -1 when it is missing.
        let kind: Int
        let stamp: FileStamp?
        let folder: (identity: FileIdentity, children: [(path: String, relative: String)]?)?
    }

    private static func look(_ entry: (path: String, relative: String)) -> Look {
        var status = stat()
        guard stat(entry.path, &status) == 0 else {
            return Look(relative: entry.relative, kind: -1, stamp: nil, folder: nil)
        }
        let kind = status.st_mode & S_IFMT
        let stamp = FileStamp(status)
        guard kind == S_IFDIR else {
            return Look(relative: entry.relative, kind: Int(kind), stamp: stamp, folder: nil)
        }
        let children = (try? FileTree.entries(of: entry.path, named: entry.relative))?.map(\.name).sorted().map {
            (path: entry.path + "/" + $0, relative: entry.relative.isEmpty ? $0 : entry.relative + "/" + $0)
        }
        return Look(
            relative: entry.relative, kind: Int(kind), stamp: stamp,
            folder: (FileIdentity(status), children))
    }
}
