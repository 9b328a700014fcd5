import GazetteCore
import SiteModel

/// Maps links written in article bodies to the URLs the site publishes.
///
/// A link to another article's source file (`2019-05-04-other.md#part`) becomes that
/// article's URL; a link to a file in `content/` becomes the copied file's URL; a
/// root-relative link (`/images/a.png`) gains the base URL's path.
struct LinkResolver: Sendable, Hashable {
    /// Site paths of articles, by path relative to `content/`.
    let articlePaths: [String: String]
    /// Site paths of files copied from `content/`, by path relative to `content/`.
    let assetPaths: [String: String]
    /// The path of the base URL (`/` or `/blog/`).
    let basePath: String

    /// A digest of the whole table, for cache keys: every article's and file's path in order.
    var digest: ContentDigest {
        var hasher = ContentHasher()
        hasher.combine(basePath)
        for table in [articlePaths, assetPaths] {
            hasher.combine(String(table.count))
            for (key, value) in table.sorted(by: { $0.key < $1.key }) {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
        return hasher.finalize()
    }

    /// The published form of `destination`, written in the article at `contentPath`;
    /// `nil` to leave it as written.
    func resolve(_ destination: String, from contentPath: String) -> String? {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("//")
            || URI.isAbsolute(destination)
        {
            return nil
        }
        if destination.hasPrefix("/") {
            // A path that already carries the base path (a Liquid `relative_url`) stays.
            return basePath == "/" || destination.hasPrefix(basePath) ? nil : basePath + destination.dropFirst()
        }
        let suffixStart =
            destination.utf8.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? destination.endIndex
        let path = String(destination[..<suffixStart])
        let suffix = String(destination[suffixStart...])
        // Zola's `@/blog/post.md` is relative to `content/` itself.
        let fromRoot = path.hasPrefix("@/")
        let folder = fromRoot ? "" : contentPath.utf8.lastIndex(of: UInt8(ascii: "/")).map { contentPath[..<$0] } ?? ""
        let relative = fromRoot ? String(path.dropFirst(2)) : path
        guard let target = Self.normalize(folder.isEmpty ? relative : "\(folder)/\(relative)") else {
            return nil
        }
        let decoded = target.decodingPercentEscapes()
        if let sitePath = articlePaths[decoded] {
            return basePath + sitePath.dropFirst() + suffix
        }
        if let sitePath = assetPaths[decoded] {
            return basePath + sitePath.dropFirst() + suffix
        }
        return nil
    }

    /// Resolves `.` and `..` in a path relative to `content/`; `nil` when it climbs out. Empty
    /// parts are dropped. Split on its bytes: paths are read for every link of every article.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring.UTF8View] = []
        for part in path.utf8.split(separator: UInt8(ascii: "/")) {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        var joined = ""
        for part in parts {
            if !joined.isEmpty { joined += "/" }
            joined += Substring(part)
        }
        return joined
    }
}
