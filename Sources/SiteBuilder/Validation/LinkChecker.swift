import GazetteCore
import SiteModel

/// Decides whether an internal link in a page leads to a file the build writes, and whether
/// its `#fragment` names an `id` in that page.
struct LinkChecker: Sendable {
    let config: SiteConfig
    /// Every output path (`posts/a/index.html`).
    let existingPaths: Set<String>
    /// The `id`s of every HTML page, by output path.
    let idsByPath: [String: Set<String>]
    /// The base URL with `http` for `https` or the other way round: the site's own host written
    /// with the other scheme is still the site.
    private let otherSchemeBaseURL: String

    init(config: SiteConfig, existingPaths: Set<String>, idsByPath: [String: Set<String>]) {
        self.config = config
        self.existingPaths = existingPaths
        self.idsByPath = idsByPath
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
        let trimmed = url.trimmingWhitespace()
        let lower = trimmed.lowercased()
        if trimmed.isEmpty || Self.externalSchemes.contains(where: { lower.hasPrefix($0) }) { return nil }
        var absolute = URI.resolve(trimmed, against: pageURL)
        if !absolute.hasPrefix(config.baseURL), absolute.hasPrefix(otherSchemeBaseURL) {
            absolute = config.baseURL + absolute.dropFirst(otherSchemeBaseURL.count)
        }
        guard absolute.hasPrefix(config.baseURL) || absolute + "/" == config.baseURL else {
            return outsideBasePath(url, absolute: absolute)
        }
        let withoutQuery = absolute.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = withoutQuery.count > 1 ? String(withoutQuery[1]).decodingPercentEscapes() : nil
        let pathPart = withoutQuery[0].prefix { $0 != "?" }
        let relative = String(pathPart.dropFirst(min(pathPart.count, config.baseURL.count))).decodingPercentEscapes()
        if config.validation.ignoredLinks.contains(where: { ("/" + relative).hasPrefix($0) }) { return nil }
        guard let target = resolveFile(relative) else {
            return "broken link: '\(url)' leads to /\(relative), which the build does not write"
        }
        if let fragment, !fragment.isEmpty, let ids = idsByPath[target], !ids.contains(fragment) {
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
