public import Syndication

/// Everything `site.yml` can say, with the defaults a site with no `site.yml` gets.
public struct SiteConfig: Sendable, Hashable {
    /// The base URL used when `site.yml` names none; it resolves nowhere (RFC 2606).
    public static let placeholderBaseURL = "https://example.invalid/"

    /// The site's name, shown in every page's header and in the feed.
    public var title: String
    /// The absolute URL the site is served from, always ending in `/`.
    public var baseURL: String {
        didSet { (host, basePath) = Self.split(baseURL) }
    }
    /// Whether `baseURL` is the placeholder because `site.yml` named none.
    public var baseURLIsPlaceholder: Bool
    /// The default author of articles and of the feed.
    public var author: Person?
    /// The language of the site's text, a BCP 47 tag.
    public var language: String
    /// A sentence describing the site, for meta descriptions and the feed subtitle.
    public var description: String?
    /// Feed options.
    public var feed: FeedSettings
    /// How many articles a list page shows.
    public var pageSize: Int
    /// The IANA time zone (`Europe/Paris`) that dates written without an offset are read in;
    /// `nil` for UTC.
    public var timezone: String?
    /// Permalink patterns by section (the top folder of `content/`): `posts` →
    /// `/:year/:month/:day/:slug/`.
    public var permalinks: [String: String]
    /// How strict validation is about what comes from content.
    public var validation: ValidationSettings
    /// Whether Markdown gets typographic quotes and dashes (`"a"` → “a”, `--` → –, `---` → —,
    /// `...` → …); `markdown.smart: false` keeps them as typed.
    public var smartPunctuation: Bool
    /// Whether a build writes a gzip twin (`page.html.gz`) beside every text file for
    /// `build-site host` to send to clients that take it (`host.compress: true`).
    public var precompress = false
    /// The nav's entries as `menu:` lists them; `nil` for the default nav (the top sections,
    /// the pages, Archive, Tags and Subscribe).
    public var menu: [MenuEntry]?

    /// One entry of `menu:`.
    public struct MenuEntry: Sendable, Hashable, Codable {
        /// What the nav shows.
        public var title: String
        /// Where it leads: a site path or URL (`/archive/`, `https://…`), or a content file
        /// (`pages/about.md`) whose page it is.
        public var target: String
        /// Whether `target` is a content file.
        public var isContentFile: Bool
        /// The line of `site.yml` it is written on.
        public var line: Int

        /// Creates an entry.
        public init(title: String, target: String, isContentFile: Bool, line: Int) {
            self.title = title
            self.target = target
            self.isContentFile = isContentFile
            self.line = line
        }
    }

    /// How a problem of one kind is treated.
    public enum Strictness: String, Sendable, Hashable, CaseIterable {
        /// The build fails.
        case error
        /// The build goes on and says so.
        case warning
        /// Not checked.
        case off
    }

    /// How strict validation is about what comes from content. Feeds and the sitemap, which
    /// Gazette itself writes, are always checked strictly.
    public struct ValidationSettings: Sendable, Hashable {
        /// Internal links, images and `#fragments` that lead nowhere.
        public var links: Strictness = .error
        /// Page markup problems that come from the content.
        public var html: Strictness = .error
        /// Site path prefixes (`/docs/`) that live elsewhere on the host and are not checked.
        public var ignoredLinks: [String] = []

        /// The default: everything is an error.
        public init() {}
    }

    /// Options for the site's feeds.
    public struct FeedSettings: Sendable, Hashable {
        /// The formats written, each at its own file name in every feed folder.
        public var formats: [FeedFormat] = FeedFormat.allCases
        /// How many of the newest articles a feed carries.
        public var entries: Int = 20
        /// Whether entries carry the full article (`true`) or only its summary.
        public var fullContent: Bool = true
        /// The most bytes a feed may have; the oldest entries are dropped until it fits.
        public var maximumBytes: Int = 512 * 1024
        /// A small square image for feeds, as a site path or absolute URL.
        public var icon: String?
        /// A larger image for feeds, as a site path or absolute URL.
        public var logo: String?
        /// A WebSub hub to announce in every feed.
        public var hub: String?
        /// Whether XML feeds carry the theme's XSLT stylesheet (`assets/feed.xsl`), which
        /// styles a feed opened in a browser; off unless asked for (`feed.stylesheet: true`):
        /// browsers are removing XSLT, and the subscribe page explains feeds instead.
        public var stylesheet: Bool = false
        /// Whether each tag gets its own feeds.
        public var tagFeeds: Bool = true
        /// Whether each section gets its own feeds.
        public var sectionFeeds: Bool = true
        /// Whether the site's Atom feed links to RFC 5005 archive documents holding every article.
        public var archive: Bool = false

        /// The default settings.
        public init() {}
    }

    /// The configuration of a site with no `site.yml`.
    /// - Parameter title: The site's title, usually derived from its folder's name.
    public init(title: String) {
        self.title = title
        baseURL = Self.placeholderBaseURL
        (host, basePath) = Self.split(baseURL)
        baseURLIsPlaceholder = true
        author = nil
        language = "en"
        description = nil
        feed = FeedSettings()
        pageSize = 10
        timezone = nil
        permalinks = [:]
        validation = ValidationSettings()
        smartPunctuation = true
    }

    /// The host of `baseURL`, lower-cased (`news.example.org`).
    public private(set) var host: String

    /// The path part of `baseURL`, starting and ending with `/` (`/` or `/blog/`).
    public private(set) var basePath: String

    /// The host and path of a base URL.
    private static func split(_ baseURL: String) -> (host: String, path: String) {
        let afterScheme = baseURL.split(separator: "://", maxSplits: 1).last ?? ""
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let withoutUser = authority.split(separator: "@").last ?? ""
        let withoutPort = withoutUser.hasPrefix("[") ? withoutUser : (withoutUser.split(separator: ":").first ?? "")
        guard let slash = afterScheme.firstIndex(of: "/") else { return (withoutPort.lowercased(), "/") }
        let path = String(afterScheme[slash...])
        return (withoutPort.lowercased(), path.hasSuffix("/") ? path : path + "/")
    }

    /// The site's paths and URLs under its base URL.
    public var paths: SitePaths {
        SitePaths(baseURL: baseURL, basePath: basePath)
    }
}
