package import GazetteCore
package import SiteModel
import Syndication

/// Reads `site.yml`.
package enum SiteConfigLoader {
    /// The file names a site's configuration may have, in order of preference.
    package static let fileNames = SiteLayout.configFiles

    /// Builds the configuration from `site.yml`'s text, or the defaults when there is none.
    /// - Parameters:
    ///   - text: The file's text, or `nil` when the site has no configuration file.
    ///   - file: The file's name, for diagnostics.
    ///   - defaultTitle: The title to use when the file names none.
    /// - Returns: The configuration and any warnings.
    package static func load(_ text: String?, file: String, defaultTitle: String) throws(BuildFailure) -> (
        SiteConfig, [Diagnostic]
    ) {
        var config = SiteConfig(title: defaultTitle)
        var warnings: [Diagnostic] = []
        let mapping: FrontMatterTable?
        if let text { mapping = try YAMLReader.read(text, file: file, lineOffset: 0) } else { mapping = nil }

        if let mapping {
            let known: Set<String> = [
                "title", "base_url", "baseURL", "author", "language", "description", "feed", "pagination",
                "timezone", "permalinks", "validation", "markdown", "menu", "host",
            ]
            for key in mapping.keys where !known.contains(key) {
                warnings.append(.warning(file, line: mapping.line(of: key), "unknown setting '\(key)' is ignored"))
            }
            if let title = try mapping.string("title") { config.title = title }
            if let language = try mapping.string("language") {
                guard isLanguageTag(language) else {
                    throw mapping.error("language", "'language' must be a language tag such as 'en' or 'pt-BR'")
                }
                config.language = language
            }
            config.description = try mapping.string("description")
            let key = mapping.key("base_url", "baseURL")
            if let baseURL = try mapping.string(key) {
                guard let normalized = normalizeBaseURL(baseURL) else {
                    throw mapping.error(
                        key, "'\(key)' must be an absolute http or https URL such as https://example.org/")
                }
                config.baseURL = normalized
                config.baseURLIsPlaceholder = false
            }
            config.author = try mapping.people("author")?.first
            if let feed = try mapping.table("feed") {
                config.feed = try feedSettings(feed, file: file, warnings: &warnings)
            }
            if let pagination = try pageSize(in: mapping) { config.pageSize = pagination }
            if let zone = try mapping.string("timezone") {
                guard DateReader(timezone: zone) != nil else {
                    throw mapping.error("timezone", "'timezone' must be an IANA time zone such as Europe/Paris or UTC")
                }
                config.timezone = zone
            }
            if let permalinks = try mapping.table("permalinks") {
                for section in permalinks.keys {
                    guard let pattern = try permalinks.string(section), pattern.hasPrefix("/") || pattern.hasPrefix(":")
                    else {
                        throw permalinks.error(section, "a permalink pattern is a path such as /:year/:month/:slug/")
                    }
                    config.permalinks[section] = pattern
                }
            }
            if let validation = try mapping.table("validation") {
                config.validation = try validationSettings(validation, file: file, warnings: &warnings)
            }
            if let entries = try mapping.tables("menu") {
                config.menu = try entries.map { entry throws(BuildFailure) in
                    guard let title = try entry.string("title") else {
                        throw mapping.error("menu", "each menu entry needs a 'title', and a 'url' or a 'page'")
                    }
                    if let page = try entry.string("page") {
                        return SiteConfig.MenuEntry(
                            title: title, target: page, isContentFile: true, line: entry.line(of: "page"))
                    }
                    guard let url = try entry.string("url") else {
                        throw entry.error(
                            "title", "the menu entry '\(title)' needs a 'url' or a 'page' (a file in content/)")
                    }
                    return SiteConfig.MenuEntry(
                        title: title, target: url, isContentFile: false, line: entry.line(of: "url"))
                }
            }
            if let host = try mapping.table("host") {
                for key in host.keys where key != "compress" {
                    warnings.append(
                        .warning(file, line: host.line(of: key), "unknown host setting '\(key)' is ignored"))
                }
                if let compress = try host.bool("compress") { config.precompress = compress }
            }
            if let markdown = try mapping.table("markdown") {
                for key in markdown.keys where key != "smart" {
                    warnings.append(
                        .warning(file, line: markdown.line(of: key), "unknown markdown setting '\(key)' is ignored"))
                }
                if let smart = try markdown.bool("smart") { config.smartPunctuation = smart }
            }
        }
        if config.baseURLIsPlaceholder {
            warnings.append(
                .warning(
                    file,
                    "no base_url is set, so links in feeds and the sitemap use \(SiteConfig.placeholderBaseURL); set base_url in \(file)"
                ))
        }
        return (config, warnings)
    }

    private static func feedSettings(_ feed: FrontMatterTable, file: String, warnings: inout [Diagnostic])
        throws(BuildFailure) -> SiteConfig.FeedSettings
    {
        var settings = SiteConfig.FeedSettings()
        let known: Set<String> = [
            "formats", "entries", "full_content", "max_bytes", "icon", "logo", "hub", "stylesheet", "tags", "sections",
            "archive",
        ]
        for key in feed.keys where !known.contains(key) {
            warnings.append(.warning(file, line: feed.line(of: key), "unknown feed setting '\(key)' is ignored"))
        }
        if let names = try feed.strings("formats") {
            settings.formats = try names.map { (name: String) throws(BuildFailure) -> FeedFormat in
                guard let format = FeedFormat(rawValue: name.lowercased()) else {
                    throw feed.error("formats", "unknown feed format '\(name)'; use atom, rss or json")
                }
                return format
            }
            guard !settings.formats.isEmpty else {
                throw feed.error("formats", "'formats' needs at least one of atom, rss, json")
            }
        }
        if let entries = try feed.int("entries", in: 1...100_000) { settings.entries = entries }
        if let bytes = try feed.int("max_bytes", in: 1024...(1 << 30)) { settings.maximumBytes = bytes }
        if let full = try feed.bool("full_content") { settings.fullContent = full }
        if let stylesheet = try feed.bool("stylesheet") { settings.stylesheet = stylesheet }
        if let tags = try feed.bool("tags") { settings.tagFeeds = tags }
        if let sections = try feed.bool("sections") { settings.sectionFeeds = sections }
        if let archive = try feed.bool("archive") { settings.archive = archive }
        settings.icon = try feed.url("icon")
        settings.logo = try feed.url("logo")
        if let hub = try feed.string("hub") {
            guard normalizeBaseURL(hub) != nil else {
                throw feed.error("hub", "'hub' must be an absolute http or https URL")
            }
            settings.hub = hub
        }
        return settings
    }

    private static func validationSettings(
        _ table: FrontMatterTable, file: String, warnings: inout [Diagnostic]
    ) throws(BuildFailure) -> SiteConfig.ValidationSettings {
        var settings = SiteConfig.ValidationSettings()
        for key in table.keys where !["links", "html", "ignore_links"].contains(key) {
            warnings.append(.warning(file, line: table.line(of: key), "unknown validation setting '\(key)' is ignored"))
        }
        func strictness(_ key: String) throws(BuildFailure) -> SiteConfig.Strictness? {
            guard let written = try table.string(key) else { return nil }
            guard let value = SiteConfig.Strictness(rawValue: written.lowercased()) else {
                throw table.error(key, "'\(key)' must be error, warning or off")
            }
            return value
        }
        settings.links = try strictness("links") ?? .error
        settings.html = try strictness("html") ?? .error
        settings.ignoredLinks = try (table.strings("ignore_links") ?? []).map { prefix in
            prefix.hasPrefix("/") ? prefix : "/" + prefix
        }
        return settings
    }

    /// Page sizes a site may ask for: at least one entry, and few enough that a page stays a page.
    private static let pageSizes = 1...10_000

    private static func pageSize(in mapping: FrontMatterTable) throws(BuildFailure) -> Int? {
        let size: Int?
        if (try? mapping.int("pagination")) != nil {
            size = try mapping.int("pagination", in: pageSizes)
        } else if let nested = try mapping.table("pagination") {
            size = try nested.int(nested.key("page_size", "per_page"), in: pageSizes)
        } else {
            size = nil
        }
        return size
    }

    /// `https://example.org/blog` → `https://example.org/blog/`; `nil` when not http(s) or has no host.
    package static func normalizeBaseURL(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let rest = trimmed.split(separator: "://", maxSplits: 1).last ?? ""
        guard let first = rest.first, first != "/", !rest.contains(" "), !rest.contains("?"), !rest.contains("#") else {
            return nil
        }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    /// A BCP 47-shaped tag: letters, then `-`-separated letters or digits.
    package static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy {
            (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
