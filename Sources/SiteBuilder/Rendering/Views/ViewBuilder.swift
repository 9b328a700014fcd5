import GazetteCore
import SiteModel

/// Builds the values templates see from the site model.
struct ViewBuilder: Sendable {
    let config: SiteConfig
    /// The site's feeds, for autodiscovery links.
    let feeds: FeedPlan
    /// The build's moment, against which articles dated later are labelled "Scheduled".
    let now: Timestamp?
    private let paths: SitePaths
    private let articleWriter: ArticleView.Writer

    init(config: SiteConfig, feeds: FeedPlan, now: Timestamp? = nil) {
        self.config = config
        self.feeds = feeds
        self.now = now
        paths = config.paths
        articleWriter = ArticleView.Writer(paths: paths, now: now)
    }

    /// The label of an article a reader of the published site would not see yet: "Draft" or
    /// "Scheduled" (dated after `now`), shown only where such articles are built (`serve`,
    /// `--drafts`, `--future`); `nil` for a published article.
    static func status(of article: Article, now: Timestamp?) -> String? {
        if article.draft { return "Draft" }
        if let now, article.date.isLater(than: now) { return "Scheduled" }
        return nil
    }

    /// `site.*`: the same on every page.
    var site: SiteView {
        let mainFeed = SitePaths.feed(in: SitePaths.home, format: config.feed.formats.first ?? .atom)
        return SiteView(
            title: config.title,
            description: config.description,
            language: config.language,
            root: config.basePath,
            baseURL: config.baseURL,
            feedURL: paths.absoluteURL(mainFeed),
            feedPath: paths.url(mainFeed),
            feeds: feedLinks(feeds.siteFeed)
        )
    }

    /// `page.*` for a page at `path`; `feeds` names the page's own feed folder, for pages
    /// (tags, sections) that have one.
    func page(
        title: String, description: String, path: String, social: SocialView? = nil,
        feeds folder: FeedPlan.Folder? = nil
    ) -> PageView {
        PageView(
            title: title == config.title ? title : "\(title) — \(config.title)",
            heading: title,
            description: description.shortened(to: 160),
            canonicalURL: config.baseURLIsPlaceholder ? nil : paths.absoluteURL(path),
            social: social ?? SocialView(type: "website", card: "summary"),
            feeds: folder.map(feedLinks)
        )
    }

    /// Autodiscovery links for the feeds of a folder, one per format.
    func feedLinks(_ folder: FeedPlan.Folder) -> [FeedLinkView] {
        let several = config.feed.formats.count > 1
        return config.feed.formats.map { format in
            FeedLinkView(
                mediaType: format.mediaType,
                title: several ? "\(folder.title) (\(format.displayName))" : folder.title,
                url: link(to: SitePaths.feed(in: folder.path, format: format)),
                format: format.displayName
            )
        }
    }

    /// The URL pages link to `sitePath` with: absolute when the site has a `base_url`,
    /// root-relative when it has none, so a site built with no configuration never sends its
    /// readers to a placeholder host.
    func link(to sitePath: String) -> String {
        config.baseURLIsPlaceholder ? paths.url(sitePath) : paths.absoluteURL(sitePath)
    }

    /// `subscribe.*`: the site's feeds with links that add each to a reader (when the site has
    /// a public address a reader can fetch), and every section's and tag's feeds.
    func subscribe() -> SubscribeView {
        let siteFolder = feeds.siteFeed
        let siteFeeds = config.feed.formats.map { format in
            let path = SitePaths.feed(in: siteFolder.path, format: format)
            return SubscribeFeedView(
                format: format.displayName, url: link(to: path),
                readers: config.baseURLIsPlaceholder ? [] : Self.readers(of: paths.absoluteURL(path)))
        }
        let topics = feeds.folders.dropFirst().map { folder in
            TopicFeedsView(title: folder.title, url: paths.url(folder.path), feeds: feedLinks(folder))
        }
        return SubscribeView(feeds: siteFeeds, topics: topics)
    }

    /// Links that add the feed at `url` to web feed readers that take one in their address.
    static func readers(of url: String) -> [ReaderLinkView] {
        let encoded = URI.percentEncodingComponent(url)
        return [
            ReaderLinkView(name: "Feedly", url: "https://feedly.com/i/subscription/feed/\(encoded)"),
            ReaderLinkView(name: "Inoreader", url: "https://www.inoreader.com/?add_feed=\(encoded)"),
            ReaderLinkView(name: "NewsBlur", url: "https://www.newsblur.com/?url=\(encoded)"),
        ]
    }

    /// An article, as both its own page and list entries show it.
    func article(_ rendered: RenderedArticle) -> ArticleView {
        ArticleView(rendered, writer: articleWriter)
    }

    /// A link to an article.
    func link(to rendered: RenderedArticle) -> LinkView {
        LinkView(title: rendered.article.title, url: paths.url(rendered.article.path))
    }

    /// `page.social`: Open Graph and Twitter card values for an article's page.
    func social(for rendered: RenderedArticle) -> SocialView {
        SocialView(
            type: "article",
            card: rendered.image == nil ? "summary" : "summary_large_image",
            image: rendered.image.map { articleWriter.imageURL($0, on: rendered.article.path) },
            publishedTime: rendered.article.date.rfc3339,
            modifiedTime: rendered.article.updated?.rfc3339,
            articleTags: rendered.article.tags
        )
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    /// `1 March 2024`, in the article's own offset.
    static func displayDate(_ date: Timestamp) -> String {
        let local = date.local
        return "\(local.day) \(monthNames[local.month - 1]) \(local.year)"
    }

    /// `1 Mar`.
    static func shortDate(_ date: Timestamp) -> String {
        let local = date.local
        return "\(local.day) \(monthNames[local.month - 1].prefix(3))"
    }
}
