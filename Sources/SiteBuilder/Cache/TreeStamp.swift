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
    /// The tree is taken a depth at a time, each depth's entries looked at and digested on all
    /// cores (a content folder has tens of thousands, and looking costs a system call or two
    /// each), `entriesPerTask` to a digest, added in order: by depth, then by the order of
    /// their folders, then by name.
    /// - Parameter files: Given the stamps of the files of each depth, by their paths below
    ///   `root` (`posts/a.md`), as they were looked at.
    static func add(
        _ root: URL, to hasher: inout ContentHasher, files: (([(path: String, stamp: FileStamp)]) -> Void)? = nil
    ) {
        var visited = Set<FileIdentity>()
        var level = [(path: root.path, relative: "")]
        while !level.isEmpty {
            let parts = concurrentMap(level, runsOf: entriesPerTask) {
                entries -> (looks: [Look], digest: ContentDigest) in
                let looks = entries.map(look)
                var part = ContentHasher()
                for entry in looks {
                    part.combine(entry.relative)
                    part.combine(entry.kind)
                    entry.stamp?.combine(into: &part)
                }
                return (looks, part.finalize())
            }
            var next: [(path: String, relative: String)] = []
            var stamps: [(path: String, stamp: FileStamp)] = []
            for (looks, digest) in parts {
                hasher.combine(digest)
                for entry in looks {
                    if files != nil, entry.folder == nil, let stamp = entry.stamp {
                        stamps.append((entry.relative, stamp))
                    }
                    guard let folder = entry.folder, visited.insert(folder.identity).inserted else { continue }
                    if let children = folder.children {
                        next += children
                    } else {
                        hasher.combine("unreadable \(entry.relative)")
                    }
                }
            }
            files?(stamps)
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
