import GazetteCore
import SiteModel
import SiteContent
import MarkdownKit
import Syndication
import XMLKit

/// Builds the site's feeds: the site feed, one per tag and per section, in every configured
/// format, each within the byte budget, and optionally RFC 5005 archives.
struct FeedBuilder: Sendable {
    let site: Site
    /// Entries of earlier builds, reused for articles that did not change.
    var cache: BuildCache?

    /// A folder that gets feeds, with what its feeds are called.
    struct FeedFolder: Sendable {
        /// The site path of the folder (`/`, `/tags/swift/`).
        let path: String
        /// The feed's title.
        let title: String
        /// The articles the feed covers, newest first.
        let articles: [RenderedArticle]
    }

    /// Every feed folder the configuration asks for.
    var folders: [FeedFolder] {
        let config = site.config
        var folders = [FeedFolder(path: "/", title: config.title, articles: site.articles)]
        if config.feed.sectionFeeds {
            folders += site.sections.map { FeedFolder(path: $0.path, title: "\(config.title): \($0.title)", articles: $0.articleIndices.map { site.articles[$0] }) }
        }
        if config.feed.tagFeeds {
            folders += site.tags.map { FeedFolder(path: $0.path, title: "\(config.title): \($0.name)", articles: $0.articleIndices.map { site.articles[$0] }) }
        }
        return folders
    }

    /// Every feed file and the warnings met writing them.
    func feeds() async -> ([OutputFile], [Diagnostic]) {
        let builder = self
        let folders = self.folders
        // Each article's entry (its content rewritten with absolute URLs) is made once, however
        // many feeds carry it.
        var needed = Set(folders.flatMap { $0.articles.prefix(site.config.feed.entries).map(\.article.path) })
        if site.config.feed.archive { needed.formUnion(site.articles.map(\.article.path)) }
        let cache = self.cache
        let made = await parallelMap(site.articles.filter { needed.contains($0.article.path) }) { rendered in
            cache.value(for: "entry:" + rendered.article.path, inputs: CacheInputs(rendered, builder.site.config)) { builder.entry(rendered) }
        }
        let entries = Dictionary(made.map { ($0.url, $0) }) { first, _ in first }
        let written = await parallelMap(folders) { folder in
            let shown = Feed.ordered(folder.articles.prefix(builder.site.config.feed.entries).compactMap { entries[builder.site.config.paths.absoluteURL($0.article.path)] })
            let identity = [folder.path, folder.title, "\(builder.site.articles.count)"]
            return cache.value(for: "feeds:" + folder.path, inputs: CacheInputs(shown, CacheInputs(identity, builder.site.config))) {
                builder.files(for: folder, entries: shown)
            }
        }
        var files = written.flatMap(\.0)
        let warnings = written.flatMap(\.1)
        if site.config.feed.archive { files += archives(entries: entries) }
        return (files, warnings)
    }

    /// The feeds of one folder, one file per format.
    /// - Parameter entries: The folder's entries, in feed order.
    func files(for folder: FeedFolder, entries: [FeedEntry]) -> ([OutputFile], [Diagnostic]) {
        let settings = site.config.feed
        var files: [OutputFile] = []
        var warnings: [Diagnostic] = []
        for format in settings.formats {
            let path = String(folder.path.dropFirst()) + format.fileName
            var feed = self.feed(title: folder.title, folderPath: folder.path, format: format, entries: entries)
            if folder.path == "/", settings.archive, format == .atom {
                feed.archive = ArchiveLinks(current: feed.selfURL, previousArchive: newestArchiveURL, isArchive: false)
            }
            let (document, dropped) = Self.fit(feed, format: format, budget: settings.maximumBytes)
            warnings += document.warnings.map { Diagnostic.warning(path, $0) }
            if dropped > 0 {
                warnings.append(.warning(path, "the feed was over its \(settings.maximumBytes)-byte budget, so its \(dropped) oldest entr\(dropped == 1 ? "y was" : "ies were") left out; raise feed.max_bytes or lower feed.entries"))
            }
            files.append(OutputFile(path: path, kind: .feed(format), text: document.text))
        }
        return (files, warnings)
    }

    /// A feed of a folder, in one format, with the site-wide settings applied.
    private func feed(title: String, folderPath: String, format: FeedFormat, entries: [FeedEntry]) -> Feed {
        let config = site.config
        let views = Views(config: config)
        var feed = Feed(
            id: config.paths.absoluteURL(folderPath),
            title: title,
            subtitle: config.description,
            language: config.language,
            selfURL: config.paths.absoluteURL(folderPath + format.fileName),
            homePageURL: config.paths.absoluteURL(folderPath),
            authors: [config.author ?? Person(name: config.title)],
            generator: Generator(name: "Gazette"),
            entries: entries
        )
        feed.icon = config.feed.icon.map(absolute)
        feed.logo = config.feed.logo.map(absolute)
        feed.hubURL = config.feed.hub
        if config.feed.stylesheet && format != .json {
            feed.stylesheetURL = views.url("/assets/feed.xsl")
        }
        return feed
    }

    /// Writes `feed`, leaving out its oldest entries until it fits in `budget` bytes.
    /// - Returns: The document and how many entries were left out.
    static func fit(_ feed: Feed, format: FeedFormat, budget: Int) -> (FeedDocument, Int) {
        let full = format.write(feed)
        guard full.text.utf8.count > budget, !feed.entries.isEmpty else { return (full, 0) }
        var low = 0, high = feed.entries.count - 1
        var best = format.write(with(feed, entries: 0))
        while low < high {
            let middle = (low + high + 1) / 2
            let candidate = format.write(with(feed, entries: middle))
            if candidate.text.utf8.count <= budget {
                low = middle
                best = candidate
            } else {
                high = middle - 1
            }
        }
        if low == 0 { best = format.write(with(feed, entries: 0)) }
        return (best, feed.entries.count - low)
    }

    private static func with(_ feed: Feed, entries count: Int) -> Feed {
        var trimmed = feed
        trimmed.entries = Array(feed.entries.prefix(count))
        return trimmed
    }

    // MARK: - Archives (RFC 5005)

    /// Full archive documents hold this many entries each, oldest first.
    private var archiveSize: Int { site.config.feed.entries }

    /// Articles oldest first, grouped into full archive pages; a partial last page is not an
    /// archive yet, so published archives never change.
    private var archivePages: [[RenderedArticle]] {
        let oldestFirst = Array(site.articles.reversed())
        return stride(from: 0, to: oldestFirst.count - archiveSize + 1, by: archiveSize).map {
            Array(oldestFirst[$0..<($0 + archiveSize)])
        }
    }

    private var newestArchiveURL: String? {
        let count = archivePages.count
        return count == 0 ? nil : archiveURL(count)
    }

    private func archiveURL(_ number: Int) -> String {
        site.config.paths.absoluteURL("/archive/feed-\(number).xml")
    }

    private func archives(entries made: [String: FeedEntry]) -> [OutputFile] {
        let currentURL = site.config.paths.absoluteURL("/" + FeedFormat.atom.fileName)
        var files: [OutputFile] = []
        for (index, articles) in archivePages.enumerated() {
            let number = index + 1
            var feed = self.feed(title: "\(site.config.title): archive \(number)", folderPath: "/", format: .atom,
                                 entries: Feed.ordered(articles.compactMap { made[site.config.paths.absoluteURL($0.article.path)] }))
            feed.id = archiveURL(number)
            feed.selfURL = archiveURL(number)
            feed.archive = ArchiveLinks(current: currentURL, previousArchive: number > 1 ? archiveURL(number - 1) : nil, isArchive: true)
            files.append(OutputFile(path: "archive/feed-\(number).xml", kind: .feed(.atom), text: AtomWriter().write(feed).text))
        }
        return files
    }

    // MARK: - Entries

    /// The feed entry for an article: a stable id, absolute URLs in its content.
    func entry(_ rendered: RenderedArticle) -> FeedEntry {
        let article = rendered.article
        let config = site.config
        let url = config.paths.absoluteURL(article.path)
        return FeedEntry(
            id: Self.entryID(for: article, config: config),
            title: article.title,
            url: url,
            published: article.date,
            updated: article.lastModified,
            authors: article.author.map { [$0] } ?? [],
            categories: article.tags,
            summary: rendered.summary.isEmpty ? nil : rendered.summary,
            contentHTML: config.feed.fullContent
                ? HTMLFragment.rewritingURLs(in: HeadingAnchor.removingLinks(from: rendered.html)) { URI.resolve($0, against: url) }
                : nil
        )
    }

    /// The entry id: the front matter's `id`, else `tag:HOST,FIRST-PUBLISHED-DATE:PATH`, which
    /// survives edits to the title, body, tags and theme.
    static func entryID(for article: Article, config: SiteConfig) -> String {
        article.customID ?? TagURI.make(authority: config.host, date: article.date.isoDate, specific: article.path)
    }

    private func absolute(_ reference: String) -> String {
        URI.isAbsolute(reference) ? reference : site.config.paths.absoluteURL(reference.hasPrefix("/") ? reference : "/" + reference)
    }
}
