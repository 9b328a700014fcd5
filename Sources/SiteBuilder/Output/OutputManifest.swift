import Foundation
import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// The list of files a build wrote, kept in the output folder, so that the next build can tell
/// its own files from files someone else put there (a `CNAME`, `.well-known/`): those are
/// kept, never deleted.
enum OutputManifest {
    /// The manifest's name inside the output folder.
    static let fileName = ".gazette-manifest"
    private static let header = "# Files build-site wrote; anything else in this folder is kept as it is.\n"

    /// The manifest file listing `paths`, which are sorted (as the manifest lists them).
    static func file(listingSorted paths: [String]) -> OutputFile {
        // Written as bytes, path after path: a text of each line, joined, made 14,000 texts for
        // a site of 10,000 articles while publishing waited.
        var bytes = Array(header.utf8)
        bytes.reserveCapacity(bytes.count + paths.reduce(0) { $0 + $1.utf8.count + 1 })
        for path in paths {
            bytes += path.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        return OutputFile(path: fileName, kind: .text, contents: .bytes(bytes))
    }

    /// The paths the manifest in `folder` lists, in its order; `nil` when there is none.
    static func lines(in folder: URL) -> [String]? {
        guard let data = FileManager.default.contents(atPath: folder.appending(path: fileName).path) else {
            return nil
        }
        // Split in place: as `Data` slices, the lines of a 10,000-page site's manifest took a
        // tenth of a rebuild's publishing, which reads it three times.
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines: [String] = []
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                if end > start, bytes[start] != UInt8(ascii: "#") {
                    lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
                start = end + 1
            }
            return lines
        }
    }

    /// Every entry of `folder` that is not a folder, is not listed in its manifest and is not
    /// the manifest itself: what someone other than build-site put there.
    static func foreignEntries(in folder: URL) throws -> [String] {
        guard let listed = lines(in: folder).map(Set.init) else { return [] }
        var foreign: [String] = []
        try FileTree.walk(folder) { path, mode in
            let isFolder = (mode & S_IFMT) == S_IFDIR
            if !isFolder && path != fileName && !listed.contains(path) { foreign.append(path) }
            return isFolder
        }
        return foreign.sorted()
    }
}
