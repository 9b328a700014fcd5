package import Foundation
import GazetteCore
package import SiteModel

/// What `content/` holds: article files to read and other files to publish as they are.
package struct ContentInventory: Sendable {
    /// Article files (`.md`, `.markdown`, `.txt`, and `.html` with front matter), by path
    /// relative to `content/`, sorted.
    package var articlePaths: [String] = []
    /// Section files (`_index.md`), by path relative to `content/`, sorted.
    package var sectionPaths: [String] = []
    /// Other files (images next to articles), by path relative to `content/`, sorted.
    package var assetPaths: [String] = []
}

/// Lists `content/` without following links out of the site.
package enum ContentScanner {
    /// File extensions read as articles.
    package static let articleExtensions: Set<String> = ["md", "markdown", "txt"]
    /// File extensions read as articles when they open with front matter, else copied.
    package static let htmlExtensions: Set<String> = ["html", "htm"]
    /// File names that describe their folder's section rather than being articles.
    package static let sectionFileNames: Set<String> = ["_index.md", "_index.markdown"]

    /// Sorts the files under `content/` into articles, section files and assets.
    package static func scan(contentFolder: URL, siteFolder: URL) throws(BuildFailure) -> ContentInventory {
        // A folder with no `content/` is most likely not a site at all: building it would
        // quietly publish an empty one.
        guard FileManager.default.fileExists(atPath: contentFolder.path) else {
            throw BuildFailure(
                .error(
                    SiteLayout.content,
                    "there is no content/ folder in \(siteFolder.path); build-site builds the articles in content/ (Markdown or plain text files). To start a site here, run 'build-site init .'"
                ))
        }
        var inventory = ContentInventory()
        for path in try FolderWalker.files(in: contentFolder, siteFolder: siteFolder, displayPrefix: SiteLayout.content)
        {
            // Plain byte work: a `URL` per file cost more than the rest of the scan, and a search
            // by `Character` most of what was left.
            let fileName = path[
                (path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.index(after: $0) } ?? path.startIndex)...]
            let pathExtension =
                fileName.utf8.lastIndex(of: UInt8(ascii: ".")).map {
                    fileName[fileName.index(after: $0)...].lowercased()
                }
                ?? ""
            if sectionFileNames.contains(String(fileName)) {
                inventory.sectionPaths.append(path)
            } else if articleExtensions.contains(pathExtension) {
                inventory.articlePaths.append(path)
            } else if htmlExtensions.contains(pathExtension), opensWithFrontMatter(contentFolder.appending(path: path))
            {
                inventory.articlePaths.append(path)
            } else {
                inventory.assetPaths.append(path)
            }
        }
        return inventory
    }

    /// Whether a file's first line that is not blank is a front matter fence.
    private static func opensWithFrontMatter(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return FrontMatter.opensWithFence(String(decoding: (try? handle.read(upToCount: 512)) ?? Data(), as: UTF8.self))
    }

    /// Reads and decodes one article file.
    package static func read(_ contentPath: String, contentFolder: URL) throws(BuildFailure) -> SourceFile {
        let url = contentFolder.appending(path: contentPath)
        let path = "content/\(contentPath)"
        let contents = try FileReading.read(
            url, named: path, limit: (TextDecoding.maximumArticleSize, "articles"))
        return SourceFile(
            path: path,
            contentPath: contentPath,
            text: try TextDecoding.decode(contents.bytes, file: path),
            modified: contents.modified
        )
    }
}
