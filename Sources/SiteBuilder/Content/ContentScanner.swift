import Foundation
import Syndication

/// What `content/` holds: article files to read and other files to publish as they are.
struct ContentInventory: Sendable {
    /// Article files (`.md`, `.markdown`, `.txt`), by path relative to `content/`, sorted.
    var articlePaths: [String] = []
    /// Other files (images next to articles), by path relative to `content/`, sorted.
    var assetPaths: [String] = []
}

/// Lists `content/` without following links out of the site.
enum ContentScanner {
    /// File extensions read as articles.
    static let articleExtensions: Set<String> = ["md", "markdown", "txt"]

    /// Lists the files under `content/`, refusing symbolic links that lead outside the site.
    /// - Parameters:
    ///   - contentFolder: The `content/` folder.
    ///   - siteFolder: The site folder, which every file must resolve inside.
    static func scan(contentFolder: URL, siteFolder: URL) throws(BuildFailure) -> ContentInventory {
        var inventory = ContentInventory()
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: contentFolder.path) else { return inventory }
        let siteRoot = siteFolder.resolvingSymlinksInPath().path + "/"
        var errors: [Diagnostic] = []
        var pending = [""]
        while let folder = pending.popLast() {
            let folderURL = folder.isEmpty ? contentFolder : contentFolder.appending(path: folder)
            let names: [String]
            do {
                names = try fileManager.contentsOfDirectory(atPath: folderURL.path).sorted()
            } catch {
                throw BuildFailure(.error("content/\(folder)", "cannot list the folder: \(error.localizedDescription)"))
            }
            for name in names where !name.hasPrefix(".") {
                let relative = folder.isEmpty ? name : "\(folder)/\(name)"
                let url = contentFolder.appending(path: relative)
                let resolved = url.resolvingSymlinksInPath().path
                guard resolved.hasPrefix(siteRoot) else {
                    errors.append(.error("content/\(relative)", "is a symbolic link to \(resolved), outside the site folder; copy the file into the site instead"))
                    continue
                }
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
                    errors.append(.error("content/\(relative)", "is a broken symbolic link"))
                    continue
                }
                if isDirectory.boolValue {
                    pending.append(relative)
                } else if articleExtensions.contains(url.pathExtension.lowercased()) {
                    inventory.articlePaths.append(relative)
                } else {
                    inventory.assetPaths.append(relative)
                }
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        inventory.articlePaths.sort()
        inventory.assetPaths.sort()
        return inventory
    }

    /// Reads and decodes one article file.
    static func read(_ contentPath: String, contentFolder: URL) throws(BuildFailure) -> SourceFile {
        let url = contentFolder.appending(path: contentPath)
        let path = "content/\(contentPath)"
        let bytes: [UInt8]
        let modified: Date
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > TextDecoding.maximumArticleSize {
                throw BuildFailure(.error(path, "the file is \(size / 1_048_576) MiB; articles may be at most \(TextDecoding.maximumArticleSize / 1_048_576) MiB"))
            }
            modified = attributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
            bytes = Array(try Data(contentsOf: url))
        } catch let failure as BuildFailure {
            throw failure
        } catch {
            throw BuildFailure(.error(path, "cannot read the file: \(error.localizedDescription)"))
        }
        return SourceFile(
            path: path,
            contentPath: contentPath,
            text: try TextDecoding.decode(bytes, file: path),
            modified: Timestamp(secondsSinceEpoch: Int64(modified.timeIntervalSince1970.rounded(.down)))
        )
    }
}
