import GazetteCore
import SiteModel
import Synchronization
import XMLKit

/// Decides whether an internal link in a page leads to a file the build writes, and whether
/// its `#fragment` names an `id` in that page.
struct LinkChecker: Sendable {
    let config: SiteConfig
    /// Every output path (`posts/a/index.html`).
    let existingPaths: Set<String>
    /// The report of every HTML page, which knows its `id`s, by output path.
    let reportsByPath: [String: HTMLInspector.Report]
    /// The base URL with `http` for `https` or the other way round: the site's own host written
    /// with the other scheme is still the site.
    private let otherSchemeBaseURL: String
    /// Answers for links that mean the same on every page, found once for all pages.
    private let sharedAnswers = SharedAnswers()

    init(config: SiteConfig, existingPaths: Set<String>, reportsByPath: [String: HTMLInspector.Report]) {
        self.config = config
        self.existingPaths = existingPaths
        self.reportsByPath = reportsByPath
        let base = config.baseURL
        otherSchemeBaseURL = base.hasPrefix("https://") ? "http://" + base.dropFirst(8) : "https://" + base.dropFirst(7)
    }

    /// Schemes that never point into the site.
    private static let externalSchemes = ["mailto:", "tel:", "data:", "javascript:", "sms:", "ftp:"]

    /// The absolute URL of the page written to `pagePath`, which its relative links resolve against.
    func pageURL(of pagePath: String) -> String {
        config.paths.absoluteURL(SitePaths.sitePath(ofFile: pagePath))
    }

    /// What is wrong with `url` on the page at `pageURL`, or `nil` when it is fine or external.
    func problem(with url: String, onPageAt pageURL: String) -> String? {
        // Pages share most of their links (the site's menu, tags, neighbours), and an absolute
        // URL or a path from the site's root (`/posts/a/`) leads to the same place from every page.
        let bytes = url.utf8
        let fromRoot = bytes.first == UInt8(ascii: "/") && bytes.dropFirst().first != UInt8(ascii: "/")
        guard fromRoot || URI.isAbsolute(url) else { return problemOnPage(with: url, at: pageURL) }
        return sharedAnswers.answer(for: url) { problemOnPage(with: url, at: pageURL) }
    }

    /// What is wrong with `url` on the page at `pageURL`, found from scratch.
    private func problemOnPage(with url: String, at pageURL: String) -> String? {
        // Called for every link of every page: byte comparisons only, where they mean the same.
        let trimmed = url.trimmingWhitespace()
        if trimmed.isEmpty { return nil }
        if URI.isAbsolute(trimmed) {
            let lower = trimmed.lowercased()
            if Self.externalSchemes.contains(where: { lower.hasPrefix($0) }) { return nil }
        }
        let base = config.baseURL
        var absolute = URI.resolve(trimmed, against: pageURL)
        if !absolute.utf8.starts(with: base.utf8), absolute.utf8.starts(with: otherSchemeBaseURL.utf8) {
            absolute =
                base + absolute[absolute.utf8.index(absolute.startIndex, offsetBy: otherSchemeBaseURL.utf8.count)...]
        }
        guard absolute.utf8.starts(with: base.utf8) || absolute + "/" == base else {
            return outsideBasePath(url, absolute: absolute)
        }
        let hash = absolute.utf8.firstIndex(of: UInt8(ascii: "#"))
        let fragment = hash.map { String(absolute[absolute.utf8.index(after: $0)...]).decodingPercentEscapes() }
        let beforeFragment = absolute[..<(hash ?? absolute.endIndex)]
        let pathPart = beforeFragment[
            ..<(beforeFragment.utf8.firstIndex(of: UInt8(ascii: "?")) ?? beforeFragment.endIndex)]
        let cut = pathPart.utf8.index(pathPart.startIndex, offsetBy: min(pathPart.utf8.count, base.utf8.count))
        let relative = String(pathPart[cut...]).decodingPercentEscapes()
        let ignored = config.validation.ignoredLinks
        if !ignored.isEmpty, ignored.contains(where: { ("/" + relative).hasPrefix($0) }) { return nil }
        guard let target = resolveFile(relative) else {
            return "broken link: '\(url)' leads to /\(relative), which the build does not write"
        }
        if let fragment, !fragment.isEmpty, let report = reportsByPath[target], !report.hasID(fragment) {
            return "broken link: '\(url)' points at #\(fragment), but \(target) has no element with that id"
        }
        return nil
    }

    /// A link on the site's host but outside its base path (`/posts/` on a site at `/blog/`)
    /// is another site's business, unless the build writes that very path under the base
    /// path: then the writer forgot the base path, and readers would land on a missing page.
    private func outsideBasePath(_ url: String, absolute: String) -> String? {
        let basePath = config.basePath
        guard basePath != "/", let host = URI.origin(of: config.baseURL), absolute.hasPrefix(host + "/") else {
            return nil
        }
        let path = absolute.dropFirst(host.count).prefix { $0 != "?" && $0 != "#" }
        guard resolveFile(String(path.dropFirst()).decodingPercentEscapes()) != nil else { return nil }
        return
            "broken link: '\(url)' leads to \(path), outside the site's base path \(basePath); write \(basePath)\(path.dropFirst()) or a relative link"
    }

    /// The output file a path inside the site names: `posts/a/` → `posts/a/index.html`.
    private func resolveFile(_ relative: String) -> String? {
        if relative.isEmpty || relative.hasSuffix("/") {
            return existingPaths.contains(relative + "index.html") ? relative + "index.html" : nil
        }
        if existingPaths.contains(relative) { return relative }
        if existingPaths.contains(relative + "/index.html") { return relative + "/index.html" }
        return nil
    }
}

/// What a link check found for each URL it was asked about, shared by the threads of one
/// check. The answers are kept in shards by URL, each with its own lock, so that threads
/// seldom wait for each other.
private final class SharedAnswers: Sendable {
    private final class Shard: Sendable {
        let answers = Mutex<[String: String?]>(Dictionary(minimumCapacity: 1024))
    }

    private let shards = (0..<16).map { _ in Shard() }

    /// The answer for `url`, found with `find` the first time it is asked for.
    func answer(for url: String, _ find: () -> String?) -> String? {
        let shard = shards[Int(UInt(bitPattern: url.hashValue) % UInt(shards.count))]
        if let known = shard.answers.withLock({ $0[url] }) { return known }
        let found = find()
        shard.answers.withLock { $0[url] = found }
        return found
    }
}
