public import GazetteCore
public import Syndication

/// An article as read from its file: metadata resolved, body not yet rendered.
///
/// A value whose fields live in one shared box: builds pass every article through several
/// arrays and views, and copying one is then a single reference count instead of one per field.
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
    public var sourcePath: String { storage.fields.sourcePath }
    /// The source file, relative to `content/`.
    public var contentPath: String { storage.fields.contentPath }
    /// How the body is written.
    public var format: Format { storage.fields.format }
    /// The title, plain text.
    public var title: String { storage.fields.title }
    /// When the article was first published.
    public var date: Timestamp { storage.fields.date }
    /// When the article was last changed, if it says so.
    public var updated: Timestamp? { storage.fields.updated }
    /// Tags, as written (duplicates removed).
    public var tags: [String] { storage.fields.tags }
    /// Whether the article is a draft, left out of normal builds.
    public var draft: Bool { storage.fields.draft }
    /// A summary from the front matter, plain text.
    public var summary: String? { storage.fields.summary }
    /// The last path segment of the article's URL.
    public var slug: String { storage.fields.slug }
    /// The section path (`posts`, `news/world`), empty for articles directly in `content/`.
    public var section: String { storage.fields.section }
    /// The article's authors, as it names them (`author` or `authors`).
    public var authors: [Person] { storage.fields.authors }
    /// A feed entry id from the front matter, overriding the generated one.
    public var customID: String? { storage.fields.customID }
    /// An image for social cards (`image:`), as written.
    public var image: String? { storage.fields.image }
    /// When the article stops being published (`expires:`).
    public var expires: Timestamp? { storage.fields.expires }
    /// Whether the page shows a table of contents (`toc: true`).
    public var tableOfContents: Bool { storage.fields.tableOfContents }
    /// The body as written.
    public var body: String { storage.fields.body }
    /// The file line on which `body` starts.
    public var bodyLine: Int { storage.fields.bodyLine }
    /// The site path of the article's page (`/posts/hello/`, `/2024/03/01/hello.html`), from the
    /// front matter's `path`/`url`/`permalink`, the section's permalink pattern, or the default.
    public var path: String { storage.fields.path }
    /// Site paths that redirect to the article (`aliases`, `redirect_from`).
    public var aliases: [String] { storage.fields.aliases }
    /// Tables handed to templates as they are (`extra`, `params`, and keys Gazette does not read).
    public var params: [MetadataEntry] { storage.fields.params }
    /// For a page bundle (`posts/trip/index.md`), the bundle's folder relative to `content/`;
    /// its other files are published beside the article's page.
    public var bundleFolder: String? { storage.fields.bundleFolder }
    /// Whether this is a standalone page (`content/pages/`, or `layout: page`): published at
    /// its own URL and in the sitemap, but undated and in no list, tag, archive or feed.
    public var isPage: Bool { storage.fields.isPage }

    private let storage: SharedFields<Fields>

    private struct Fields: Hashable, Codable {
        var sourcePath: String
        var contentPath: String
        var format: Format
        var title: String
        var date: Timestamp
        var updated: Timestamp?
        var tags: [String]
        var draft: Bool
        var summary: String?
        var slug: String
        var section: String
        var authors: [Person]
        var customID: String?
        var image: String?
        var expires: Timestamp?
        var tableOfContents: Bool
        var body: String
        var bodyLine: Int
        var path: String
        var aliases: [String]
        var params: [MetadataEntry]
        var bundleFolder: String?
        var isPage: Bool
    }

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
        bundleFolder: String? = nil,
        isPage: Bool = false
    ) {
        storage = SharedFields(
            Fields(
                sourcePath: sourcePath, contentPath: contentPath, format: format, title: title, date: date,
                updated: updated, tags: tags, draft: draft, summary: summary, slug: slug, section: section,
                authors: authors, customID: customID, image: image, expires: expires, tableOfContents: tableOfContents,
                body: body, bodyLine: bodyLine, path: path ?? SitePaths.article(section: section, slug: slug),
                aliases: aliases, params: params, bundleFolder: bundleFolder, isPage: isPage))
    }

    /// `updated` when given, else `date`.
    public var lastModified: Timestamp { updated ?? date }

    /// The same article with another body: shortcodes expanded, or none once it is rendered
    /// (nothing needs the source text then).
    public func withBody(_ body: String) -> Article {
        // Articles restored from a build cache have no body already: no copy of every field.
        if body.isEmpty && self.body.isEmpty { return self }
        var fields = storage.fields
        fields.body = body
        return Article(storage: SharedFields(fields))
    }

    private init(storage: SharedFields<Fields>) {
        self.storage = storage
    }

    public init(from decoder: any Decoder) throws {
        storage = SharedFields(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }

}
