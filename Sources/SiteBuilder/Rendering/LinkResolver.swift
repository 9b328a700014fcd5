import GazetteCore
import SiteModel
import Synchronization

/// Maps links written in article bodies to the URLs the site publishes.
///
/// A link to another article's source file (`2019-05-04-other.md#part`) becomes that
/// article's URL; a link to a file in `content/` becomes the copied file's URL; a
/// root-relative link (`/images/a.png`) gains the base URL's path.
///
/// Every lookup in the table made while a `LinkLookupRecorder` is current is recorded, so
/// that a rendering is known to depend on those entries only (`stillAnswers`).
struct LinkResolver: Sendable {
    /// Site paths of articles, by path relative to `content/`.
    let articlePaths: [String: String]
    /// Site paths of files copied from `content/`, by path relative to `content/`.
    let assetPaths: [String: String]
    /// The path of the base URL (`/` or `/blog/`).
    let basePath: String
    /// Article sources by file name (`2010-07-21-name.md`), each name's paths sorted; made
    /// when first asked for, as most builds look up no article by its file name.
    private let articlesByFileName: FirstUse<[String: [String]]>

    init(articlePaths: [String: String], assetPaths: [String: String], basePath: String) {
        self.articlePaths = articlePaths
        self.assetPaths = assetPaths
        self.basePath = basePath
        articlesByFileName = FirstUse {
            Dictionary(grouping: articlePaths.keys.sorted()) { String($0.split(separator: "/").last ?? "") }
        }
    }

    /// The site path of the content file at `path` (relative to `content/`, normalized): an
    /// article's, else a copied file's; `nil` for none. Recorded.
    func sitePath(ofContent path: String) -> String? {
        let answer = answer(to: path)
        LinkLookupRecorder.current?.record(path, answer: answer)
        return answer
    }

    /// The articles' source paths whose file name is `fileName`, sorted. Recorded.
    func articleSources(named fileName: String) -> [String] {
        let key = Self.fileNameMark + fileName
        LinkLookupRecorder.current?.record(key, answer: answer(to: key))
        return articlesByFileName.value[fileName] ?? []
    }

    /// Whether every lookup of `lookups` gets the answer it got when it was recorded.
    func stillAnswers(_ lookups: LinkLookups) -> Bool {
        zip(lookups.keys, lookups.answers).allSatisfy { key, answer in (self.answer(to: key) ?? "") == answer }
    }

    /// The digest of the table made of these entries, in this order (which the same files
    /// always give): two tables with one digest answer every lookup alike. The same entries in
    /// another order give another digest, which trusts less, never more.
    static func digest(articlePaths: [(String, String)], assetPaths: [(String, String)], basePath: String)
        -> ContentDigest
    {
        var hasher = ContentHasher()
        hasher.combine(basePath)
        for table in [articlePaths, assetPaths] {
            hasher.combine(table.count)
            for (key, value) in table {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
        return hasher.finalize()
    }

    /// Marks a key that is a file name rather than a content path, which never starts so.
    private static let fileNameMark = "\u{0}"

    /// What the table answers to a recorded key (a file name's starts with the mark's byte).
    private func answer(to key: String) -> String? {
        if key.utf8.first == 0 {
            return articlesByFileName.value[String(key.dropFirst())].map { $0.joined(separator: Self.fileNameMark) }
        }
        return articlePaths[key] ?? assetPaths[key]
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
        return sitePath(ofContent: target.decodingPercentEscapes()).map { basePath + $0.dropFirst() + suffix }
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

/// Records the link lookups of the rendering under way on this task or thread, for as long as
/// it is `current`.
final class LinkLookupRecorder: Sendable {
    /// The recorder of the rendering under way here, if any.
    @TaskLocal static var current: LinkLookupRecorder?

    private struct State {
        var asked: Set<String> = []
        var lookups = LinkLookups()
    }

    private let state = Mutex(State())

    /// The lookups recorded, in the order first made.
    var lookups: LinkLookups { state.withLock { $0.lookups } }

    /// Records the answer to `key`, unless `key` was asked before.
    func record(_ key: String, answer: String?) {
        state.withLock { state in
            if state.asked.insert(key).inserted { state.lookups.record(key, answer: answer) }
        }
    }
}
