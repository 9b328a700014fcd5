import Syndication
import XMLKit

/// Builds the site's feeds from its articles.
struct FeedBuilder: Sendable {
    let site: Site

    /// The site-wide Atom feed at `/feed.xml` and any warnings from writing it.
    func siteFeed() -> (OutputFile, [Diagnostic]) {
        let config = site.config
        let entries = site.articles.prefix(config.feed.entries).map(entry)
        let feed = Feed(
            id: config.baseURL,
            title: config.title,
            subtitle: config.description,
            language: config.language,
            selfURL: config.absoluteURL("/feed.xml"),
            homePageURL: config.baseURL,
            authors: [config.author ?? Person(name: config.title)],
            generator: Generator(name: "Gazette"),
            entries: Array(entries)
        )
        let document = AtomWriter().write(feed)
        let warnings = document.warnings.map { Diagnostic.warning("feed.xml", $0) }
        return (OutputFile(path: "feed.xml", kind: .atomFeed, text: document.text), warnings)
    }

    /// The feed entry for an article: a stable id, absolute URLs in its content.
    func entry(_ rendered: RenderedArticle) -> FeedEntry {
        let article = rendered.article
        let config = site.config
        let url = config.absoluteURL(article.path)
        return FeedEntry(
            id: Self.entryID(for: article, config: config),
            title: article.title,
            url: url,
            published: article.date,
            updated: article.lastModified,
            authors: article.author.map { [$0] } ?? [],
            categories: article.tags,
            summary: rendered.summary.isEmpty ? nil : rendered.summary,
            contentHTML: config.feed.fullContent ? HTMLFragment.rewritingURLs(in: rendered.html) { URI.resolve($0, against: url) } : nil
        )
    }

    /// The entry id: the front matter's `id`, else `tag:HOST,FIRST-PUBLISHED-DATE:PATH`, which
    /// survives edits to the title, body, tags and theme.
    static func entryID(for article: Article, config: SiteConfig) -> String {
        article.customID ?? TagURI.make(authority: config.host, date: article.date.isoDate, specific: article.path)
    }
}
