public import GazetteCore
public import Syndication

/// An article as read from its file: metadata resolved, body not yet rendered.
public struct Article: Sendable, Hashable, Codable {
    /// How the body is written.
    public enum Format: String, Sendable, Hashable, Codable {
        /// CommonMark with GitHub's extensions.
        case markdown
        /// Plain text, one paragraph per line.
        case plainText
        /// HTML, used as it is (an `.html` file with front matter).
        case html
    }

    /// The source file, relative to the site folder.
    public var sourcePath: String
    /// The source file, relative to `content/`.
    public var contentPath: String
    /// How the body is written.
    public var format: Format
    /// The title, plain text.
    public var title: String
    /// When the article was first published.
    public var date: Timestamp
    /// When the article was last changed, if it says so.
    public var updated: Timestamp?
    /// Tags, as written (duplicates removed).
    public var tags: [String]
    /// Whether the article is a draft, left out of normal builds.
    public var draft: Bool
    /// A summary from the front matter, plain text.
    public var summary: String?
    /// The last path segment of the article's URL.
    public var slug: String
    /// The section path (`posts`, `news/world`), empty for articles directly in `content/`.
    public var section: String
    /// The article's authors, as it names them (`author` or `authors`).
    public var authors: [Person]
    /// A feed entry id from the front matter, overriding the generated one.
    public var customID: String?
    /// An image for social cards (`image:`), as written.
    public var image: String?
    /// When the article stops being published (`expires:`).
    public var expires: Timestamp?
    /// Whether the page shows a table of contents (`toc: true`).
    public var tableOfContents: Bool
    /// The body as written.
    public var body: String
    /// The file line on which `body` starts.
    public var bodyLine: Int
    /// The site path of the article's page (`/posts/hello/`, `/2024/03/01/hello.html`), from the
    /// front matter's `path`/`url`/`permalink`, the section's permalink pattern, or the default.
    public var path: String
    /// Site paths that redirect to the article (`aliases`, `redirect_from`).
    public var aliases: [String]
    /// Tables handed to templates as they are (`extra`, `params`, and keys Gazette does not read).
    public var params: [MetadataEntry]
    /// For a page bundle (`posts/trip/index.md`), the bundle's folder relative to `content/`;
    /// its other files are published beside the article's page.
    public var bundleFolder: String?
    /// Whether this is a standalone page (`content/pages/`, or `layout: page`): published at
    /// its own URL and in the sitemap, but undated and in no list, tag, archive or feed.
    public var isPage = false

    /// Creates an article from resolved metadata and its body.
    public init(
        sourcePath: String,
        contentPath: String,
        format: Format,
        title: String,
        date: Timestamp,
        updated: Timestamp? = nil,
        tags: [String] = [],
        draft: Bool = false,
        summary: String? = nil,
        slug: String,
        section: String = "",
        authors: [Person] = [],
        customID: String? = nil,
        image: String? = nil,
        expires: Timestamp? = nil,
        tableOfContents: Bool = false,
        body: String,
        bodyLine: Int = 1,
        path: String? = nil,
        aliases: [String] = [],
        params: [MetadataEntry] = [],
        bundleFolder: String? = nil
    ) {
        self.sourcePath = sourcePath
        self.contentPath = contentPath
        self.format = format
        self.title = title
        self.date = date
        self.updated = updated
        self.tags = tags
        self.draft = draft
        self.summary = summary
        self.slug = slug
        self.section = section
        self.authors = authors
        self.customID = customID
        self.image = image
        self.expires = expires
        self.tableOfContents = tableOfContents
        self.body = body
        self.bodyLine = bodyLine
        self.path = path ?? SitePaths.article(section: section, slug: slug)
        self.aliases = aliases
        self.params = params
        self.bundleFolder = bundleFolder
    }

    /// `updated` when given, else `date`.
    public var lastModified: Timestamp { updated ?? date }
}
