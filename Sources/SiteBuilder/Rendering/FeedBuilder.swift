import GazetteCore
import MarkdownKit
import SiteModel
import Syndication
import XMLKit

/// Builds the site's feeds: the site feed, one per tag and per section, in every configured
/// format, each within the byte budget, and optionally RFC 5005 archives.
struct FeedBuilder: Sendable {
    let site: Site
    /// Entries and feeds of earlier builds, reused when their inputs did not change.
    var cache: BuildCache?
    /// What cache keys are made from; present exactly when `cache` is.
    var digests: SiteDigests?

    /// Every feed file and the warnings met writing them.
    func feeds() async -> ([OutputFile], [Diagnostic]) {
        let builder = self
        let folders = site.feeds.folders
        let entryCount = site.config.feed.entries
        // Each article's entry (its content rewritten with absolute URLs) is made once, however
        // many feeds carry it.
        var needed = Set(folders.flatMap { $0.articleIndices.prefix(entryCount) })
        if site.config.feed.archive { needed.formUnion(site.articles.indices) }
        let site = self.site
        let made = await parallelMap(needed.sorted()) { index in
            (index, LargeWork.run(size: site.articles[index].htmlByteCount) { builder.cachedEntry(at: index) })
        }
        let entries = Dictionary(made) { first, _ in first }
        let written = await parallelMap(folders) { folder in
            builder.cachedFiles(
                for: folder, entries: Feed.ordered(folder.articleIndices.prefix(entryCount).compactMap { entries[$0] }))
        }
        var files = written.flatMap(\.files)
        var warnings = written.flatMap(\.warnings)
        let budget = site.config.feed.maximumBytes
        if site.config.feed.fullContent {
            warnings += needed.sorted().filter { site.articles[$0].htmlByteCount > budget }.map { index in
                .warning(
                    site.articles[index].article.sourcePath,
                    "the article's HTML is \(site.articles[index].htmlByteCount) bytes, more than a whole feed may hold (feed.max_bytes: \(budget)); feeds show it by its summary"
                )
            }
        }
        if site.config.feed.archive { files += archives(entries: entries) }
        return (files, warnings)
    }

    private func cachedEntry(at index: Int) -> FeedEntry {
        let rendered = site.articles[index]
        guard let cache, let digests else { return entry(rendered) }
        let key = SiteDigests.combining(digests.articles[index], digests.config)
        return cache.entries.value(for: rendered.article.path, key: key) { entry(rendered) }
    }

    private func cachedFiles(for folder: FeedPlan.Folder, entries: [FeedEntry]) -> FeedFiles {
        guard let cache, let digests else { return files(for: folder, entries: entries) }
        let shown = folder.articleIndices.prefix(site.config.feed.entries).map { digests.articles[$0] }
        let key = SiteDigests.combining(shown, folder.path, folder.title, site.articles.count, digests.config)
        return cache.feeds.value(for: folder.path, key: key) { files(for: folder, entries: entries) }
    }

    /// The feeds of one folder, one file per format.
    /// - Parameter entries: The folder's entries, in feed order.
    func files(for folder: FeedPlan.Folder, entries: [FeedEntry]) -> FeedFiles {
        let settings = site.config.feed
        var files: [OutputFile] = []
        var warnings: [Diagnostic] = []
        for format in settings.formats {
            let path = SitePaths.outputFile(for: SitePaths.feed(in: folder.path, format: format))
            var feed = self.feed(title: folder.title, folderPath: folder.path, format: format, entries: entries)
            if folder.path == SitePaths.home, settings.archive, format == .atom {
                feed.archive = ArchiveLinks(current: feed.selfURL, previousArchive: newestArchiveURL, isArchive: false)
            }
            let fitting = Self.fit(feed, format: format, budget: settings.maximumBytes)
            warnings += fitting.document.warnings.map { Diagnostic.warning(path, $0) }
            if fitting.shortened > 0 || fitting.dropped > 0 {
                let entries = { (count: Int) in "entr\(count == 1 ? "y" : "ies")" }
                var what: [String] = []
                if fitting.shortened > 0 {
                    what.append("\(fitting.shortened) \(entries(fitting.shortened)) shown by summary only")
                }
                if fitting.dropped > 0 { what.append("\(fitting.dropped) oldest \(entries(fitting.dropped)) left out") }
                warnings.append(
                    .warning(
                        path,
                        "the feed was over its \(settings.maximumBytes)-byte budget (feed.max_bytes), so \(what.joined(separator: " and ")); raise feed.max_bytes or lower feed.entries"
                    ))
            }
            files.append(OutputFile(path: path, kind: .feed(format), text: fitting.document.text))
        }
        return FeedFiles(files: files, warnings: warnings)
    }

    /// A feed of a folder, in one format, with the site-wide settings applied.
    private func feed(title: String, folderPath: String, format: FeedFormat, entries: [FeedEntry]) -> Feed {
        let config = site.config
        var feed = Feed(
            id: config.paths.absoluteURL(folderPath),
            title: title,
            subtitle: config.description,
            language: config.language,
            selfURL: config.paths.absoluteURL(SitePaths.feed(in: folderPath, format: format)),
            homePageURL: config.paths.absoluteURL(folderPath),
            authors: [config.author ?? Person(name: config.title)],
            generator: Generator(name: "Gazette"),
            entries: entries
        )
        feed.icon = config.feed.icon.map(absolute)
        feed.logo = config.feed.logo.map(absolute)
        feed.hubURL = config.feed.hub
        if config.feed.stylesheet && format.traits.isXML {
            feed.stylesheetURL = config.paths.url(SitePaths.feedStylesheet)
        }
        return feed
    }

    /// How `fit` made a feed fit its budget.
    struct Fitting {
        /// The document written.
        let document: FeedDocument
        /// Entries shown with their summary instead of their whole content.
        let shortened: Int
        /// Oldest entries left out.
        let dropped: Int
    }

    /// Writes `feed` within `budget` bytes: as many entries as fit with their whole content,
    /// newest first; then, from the first that did not, entries with their summary only; the
    /// oldest that still do not fit are left out. The newest entry is always there, so a feed
    /// never goes empty because one article is large.
    static func fit(_ original: Feed, format: FeedFormat, budget: Int) -> Fitting {
        // An entry whose content alone is over the budget can never be shown whole; writing
        // it would only make a document of many times the budget's size to throw away.
        var feed = original
        for index in feed.entries.indices where (feed.entries[index].contentHTML?.utf8.count ?? 0) > budget {
            feed.entries[index].contentHTML = nil
        }
        let full = format.write(feed)
        guard full.text.utf8.count > budget, !feed.entries.isEmpty else {
            return fitting(full, of: feed, from: original)
        }
        let whole = largestCount(upTo: feed.entries.count - 1, budget: budget) {
            format.write(with(feed, whole: $0, short: 0))
        }
        let short = largestCount(upTo: feed.entries.count - whole, budget: budget) {
            format.write(with(feed, whole: whole, short: $0))
        }
        let fitted = with(feed, whole: whole, short: max(short, whole == 0 ? 1 : 0))
        return fitting(format.write(fitted), of: fitted, from: original)
    }

    /// What `fit` did, told by comparing the entries written with the original ones.
    private static func fitting(_ document: FeedDocument, of written: Feed, from original: Feed) -> Fitting {
        let shortened = zip(written.entries, original.entries).filter {
            $0.contentHTML == nil && $1.contentHTML != nil
        }.count
        return Fitting(
            document: document, shortened: shortened, dropped: original.entries.count - written.entries.count)
    }

    /// The largest count from 0 through `limit` whose document fits in `budget`, by binary
    /// search (documents grow with the count).
    private static func largestCount(upTo limit: Int, budget: Int, write: (Int) -> FeedDocument) -> Int {
        var low = 0
        var high = limit
        while low < high {
            let middle = (low + high + 1) / 2
            if write(middle).text.utf8.count <= budget { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// `feed` with its first `whole` entries as they are and the `short` after them reduced to
    /// their summary.
    private static func with(_ feed: Feed, whole: Int, short: Int) -> Feed {
        var trimmed = feed
        trimmed.entries =
            Array(feed.entries.prefix(whole))
            + feed.entries.dropFirst(whole).prefix(short).map { entry in
                var lean = entry
                lean.contentHTML = nil
                return lean
            }
        return trimmed
    }

    // MARK: - Archives (RFC 5005)

    /// Full archive documents hold this many entries each, oldest first.
    private var archiveSize: Int { site.config.feed.entries }

    /// Articles oldest first, as indices into `Site.articles`, grouped into full archive
    /// pages; a partial last page is not an archive yet, so published archives never change.
    private var archivePages: [[Int]] {
        let oldestFirst = Array(site.articles.indices.reversed())
        return stride(from: 0, to: oldestFirst.count - archiveSize + 1, by: archiveSize).map {
            Array(oldestFirst[$0..<($0 + archiveSize)])
        }
    }

    private var newestArchiveURL: String? {
        let count = archivePages.count
        return count == 0 ? nil : archiveURL(count)
    }

    private func archiveURL(_ number: Int) -> String {
        site.config.paths.absoluteURL(SitePaths.feedArchive(number))
    }

    private func archives(entries made: [Int: FeedEntry]) -> [OutputFile] {
        let currentURL = site.config.paths.absoluteURL(SitePaths.feed(in: SitePaths.home, format: .atom))
        var files: [OutputFile] = []
        for (index, articles) in archivePages.enumerated() {
            let number = index + 1
            var feed = self.feed(
                title: "\(site.config.title): archive \(number)", folderPath: SitePaths.home, format: .atom,
                entries: Feed.ordered(articles.compactMap { made[$0] }))
            feed.id = archiveURL(number)
            feed.selfURL = archiveURL(number)
            feed.archive = ArchiveLinks(
                current: currentURL, previousArchive: number > 1 ? archiveURL(number - 1) : nil, isArchive: true)
            files.append(
                OutputFile(
                    path: SitePaths.outputFile(for: SitePaths.feedArchive(number)), kind: .feed(.atom),
                    text: AtomWriter().write(feed).text))
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
            authors: article.authors,
            categories: article.tags,
            summary: rendered.summary.isEmpty ? nil : rendered.summary,
            // Content larger than a whole feed's budget would only be dropped by `fit`.
            contentHTML: config.feed.fullContent && rendered.htmlByteCount <= config.feed.maximumBytes
                ? HTMLFragment.rewritingURLs(in: HeadingAnchor.removingLinks(from: rendered.html)) {
                    URI.resolve($0, against: url)
                }
                : nil
        )
    }

    /// The entry id: the front matter's `id`, else `tag:HOST,FIRST-PUBLISHED-DATE:PATH`, which
    /// survives edits to the title, body, tags and theme.
    static func entryID(for article: Article, config: SiteConfig) -> String {
        article.customID ?? TagURI.make(authority: config.host, date: article.date.isoDate, specific: article.path)
    }

    private func absolute(_ reference: String) -> String {
        URI.isAbsolute(reference)
            ? reference : site.config.paths.absoluteURL(reference.hasPrefix("/") ? reference : "/" + reference)
    }
}
