public import GazetteCore
public import Syndication

/// Every path and URL a site publishes, in one place: each stage (pages, feeds, the sitemap,
/// the link check, the server) asks here rather than building paths of its own.
///
/// Three forms are used:
/// - a *site path* starts with `/` and is relative to the base URL (`/posts/hello/`);
/// - a *URL* is what pages link with: the site path under the base URL's path (`/blog/posts/hello/`);
/// - an *absolute URL* carries the whole base URL (`https://example.org/blog/posts/hello/`).
///
/// Output files are named relative to the output folder (`posts/hello/index.html`).
public struct SitePaths: Sendable, Hashable {
    /// The absolute base URL, ending in `/`.
    public let baseURL: String
    /// The base URL's path, starting and ending with `/` (`/` or `/blog/`).
    public let basePath: String

    /// Paths under a base URL.
    /// - Parameters:
    ///   - baseURL: The absolute base URL, ending in `/`.
    ///   - basePath: Its path, starting and ending with `/`.
    public init(baseURL: String, basePath: String) {
        self.baseURL = baseURL
        self.basePath = basePath
    }

    // MARK: - Pages

    /// The home page.
    public static let home = "/"
    /// The page listing every tag.
    public static let tagIndex = "/tags/"
    /// The page listing every article by year.
    public static let archive = "/archive/"
    /// The page that explains the site's feeds and how to follow them.
    public static let subscribe = "/subscribe/"
    /// The page served for addresses that do not exist.
    public static let notFound = "/404.html"

    /// An article's page: `/posts/hello/`, or `/hello/` for an article directly in `content/`.
    public static func article(section: String, slug: String) -> String {
        section.isEmpty ? "/\(slug)/" : "/\(section)/\(slug)/"
    }

    /// What a permalink pattern's tokens stand for, for one article.
    public struct PermalinkValues: Sendable, Hashable {
        /// The article's year, month and day, in the offset its date was written in.
        public var date: CivilDate
        /// The top section (`posts`), empty for articles directly in `content/`.
        public var section: String
        /// The article's slug.
        public var slug: String
        /// The file name without extension (a bundle's folder name), as written.
        public var fileName: String
        /// The title, slugified.
        public var titleSlug: String

        /// Creates the values.
        public init(date: CivilDate, section: String, slug: String, fileName: String, titleSlug: String) {
            self.date = date
            self.section = section
            self.slug = slug
            self.fileName = fileName
            self.titleSlug = titleSlug
        }
    }

    /// The tokens patterns may hold, Hugo's and Jekyll's names; longer names first, so that
    /// `:slug` never eats the start of a longer token.
    public static let permalinkTokens = [
        ":short_year", ":filename", ":section", ":i_month", ":output_ext", ":month", ":title", ":i_day", ":year",
        ":slug", ":day",
    ]

    /// An article's page under a permalink pattern: `/:year/:month/:day/:slug/` →
    /// `/2024/03/01/hello/`. A pattern ending in `.html` (or Jekyll's `:output_ext`) publishes
    /// that file, as Hugo's `uglyURLs` do.
    public static func permalink(_ pattern: String, _ values: PermalinkValues) -> String {
        var result = ""
        var rest = Substring(pattern)
        // On UTF-8: a token is ASCII, and a pattern is asked of every article.
        while let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")) {
            result += rest[..<colon]
            rest = rest[colon...]
            guard let token = permalinkTokens.first(where: { rest.utf8.starts(with: $0.utf8) }) else {
                result += ":"
                rest = rest[rest.utf8.index(after: colon)...]
                continue
            }
            result += value(of: token, values)
            rest = rest[rest.utf8.index(colon, offsetBy: token.utf8.count)...]
        }
        return normalize(result + rest) ?? article(section: values.section, slug: values.slug)
    }

    private static func value(of token: String, _ values: PermalinkValues) -> String {
        switch token {
        case ":year": String(values.date.year)
        case ":short_year": pad2(values.date.year % 100)
        case ":month": pad2(values.date.month)
        case ":i_month": String(values.date.month)
        case ":day": pad2(values.date.day)
        case ":i_day": String(values.date.day)
        case ":section": values.section
        case ":slug": values.slug
        case ":title": values.titleSlug
        case ":filename": values.fileName
        case ":output_ext": ".html"
        default: ""
        }
    }

    private static func pad2(_ number: Int) -> String {
        number < 10 ? "0\(number)" : String(number)
    }

    /// A page path as front matter writes it (`path`, `url`, `permalink`, `aliases`):
    /// `2024/hello` or `/2024/hello/` → `/2024/hello/`; a last segment with an extension
    /// (`/old/hello.html`) names a file.
    /// - Returns: `nil` when it is empty, or would leave the site (`..`, `\\`, a scheme).
    public static func normalize(_ written: String) -> String? {
        let trimmed = written.trimmingWhitespace()
        // On UTF-8, where `/`, `?`, `#` and `.` are what a URL's path is split by (and every
        // article's path is normalized).
        let bytes = trimmed.utf8
        guard !bytes.isEmpty, !bytes.contains(UInt8(ascii: "\\")), !trimmed.containsBytes("://"), !bytes.contains(0)
        else {
            return nil
        }
        let queryStart = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        let withoutQuery = trimmed[..<queryStart]
        let segments = withoutQuery.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        if segments.isEmpty { return home }
        let joined = "/" + segments.joined(separator: "/")
        let isFile = withoutQuery.utf8.last != UInt8(ascii: "/") && segments.last!.utf8.contains(UInt8(ascii: "."))
        return isFile ? joined : joined + "/"
    }

    /// The section of the folders a file sits in below `content/`: `["News", "World"]` →
    /// `news/world`; empty for `content/` itself.
    public static func section(ofFolders folders: some Sequence<String>) -> String {
        folders.map(Slug.make).filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// A section's page: `news/world` → `/news/world/`.
    public static func section(_ name: String) -> String {
        "/\(name)/"
    }

    /// A tag's page: `/tags/swift/`.
    public static func tag(slug: String) -> String {
        "\(tagIndex)\(slug)/"
    }

    /// Page `number` of a paginated list whose first page is `first`: `/posts/page/2/`.
    public static func listPage(_ number: Int, of first: String) -> String {
        number == 1 ? first : "\(first)page/\(number)/"
    }

    // MARK: - Feeds and other documents

    /// A feed of a folder (`/`, `/tags/swift/`) in one format: `/tags/swift/feed.xml`.
    public static func feed(in folder: String, format: FeedFormat) -> String {
        folder + format.fileName
    }

    /// RFC 5005 archive document `number` of the site feed: `/archive/feed-1.xml`.
    public static func feedArchive(_ number: Int) -> String {
        "\(archive)feed-\(number).xml"
    }

    /// The XSLT stylesheet XML feeds may point browsers at.
    public static let feedStylesheet = "/assets/feed.xsl"
    /// The sitemap.
    public static let sitemap = "/sitemap.xml"
    /// Instructions for crawlers.
    public static let robots = "/robots.txt"

    // MARK: - Output files

    /// The output file of a site path: `/posts/a/` → `posts/a/index.html`, `/404.html` → `404.html`.
    public static func outputFile(for sitePath: String) -> String {
        let relative = String(sitePath.drop { $0 == "/" })
        return relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
    }

    /// The site path an output file is served at: `posts/a/index.html` → `/posts/a/`,
    /// `404.html` → `/404.html`.
    public static func sitePath(ofFile path: String) -> String {
        if path == "index.html" { return "/" }
        if path.hasSuffix("/index.html") { return "/" + path.dropLast("index.html".count) }
        return "/" + path
    }

    // MARK: - URLs

    /// The URL pages link to a site path with: `/posts/a/` → `/blog/posts/a/`.
    public func url(_ sitePath: String) -> String {
        basePath + sitePath.drop { $0 == "/" }
    }

    /// The absolute URL of a site path: `/posts/a/` → `https://example.org/blog/posts/a/`.
    public func absoluteURL(_ sitePath: String) -> String {
        baseURL + sitePath.drop { $0 == "/" }
    }
}
