public import GazetteCore
public import Syndication

/// An article as read from its file: metadata resolved, body not yet rendered.
public struct Article: Sendable, Hashable {
    /// How the body is written.
    public enum Format: String, Sendable, Hashable {
        /// CommonMark with GitHub's extensions.
        case markdown
        /// Plain text, one paragraph per line.
        case plainText
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
    /// The article's author, when it names one.
    public var author: Person?
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
        author: Person? = nil,
        customID: String? = nil,
        image: String? = nil,
        expires: Timestamp? = nil,
        tableOfContents: Bool = false,
        body: String,
        bodyLine: Int = 1
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
        self.author = author
        self.customID = customID
        self.image = image
        self.expires = expires
        self.tableOfContents = tableOfContents
        self.body = body
        self.bodyLine = bodyLine
    }

    /// The site path of the article's page: `/posts/hello/`.
    public var path: String {
        SitePaths.article(section: section, slug: slug)
    }

    /// `updated` when given, else `date`.
    public var lastModified: Timestamp { updated ?? date }
}
