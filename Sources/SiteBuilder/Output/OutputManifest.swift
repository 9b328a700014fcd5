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

    /// The manifest file listing `paths`.
    static func file(listing paths: [String]) -> OutputFile {
        OutputFile(path: fileName, kind: .text, text: header + paths.sorted().map { $0 + "\n" }.joined())
    }

    /// The paths the manifest in `folder` lists, in its order; `nil` when there is none.
    static func lines(in folder: URL) -> [String]? {
        guard let data = FileManager.default.contents(atPath: folder.appending(path: fileName).path) else {
            return nil
        }
        return data.split(separator: UInt8(ascii: "\n")).filter { $0.first != UInt8(ascii: "#") }.map {
            String(decoding: $0, as: UTF8.self)
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
