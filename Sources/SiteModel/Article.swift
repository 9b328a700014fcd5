public import GazetteCore
public import Syndication

/// An article as read from its file: metadata resolved, body not yet rendered.
///
/// A value whose fields live in one shared box, copied when a shared one is changed: builds
/// pass every article through several arrays and views, and copying one is then a single
/// reference count instead of one per field.
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
    public var sourcePath: String {
        get { storage.fields.sourcePath }
        set { uniqueStorage().fields.sourcePath = newValue }
    }
    /// The source file, relative to `content/`.
    public var contentPath: String {
        get { storage.fields.contentPath }
        set { uniqueStorage().fields.contentPath = newValue }
    }
    /// How the body is written.
    public var format: Format {
        get { storage.fields.format }
        set { uniqueStorage().fields.format = newValue }
    }
    /// The title, plain text.
    public var title: String {
        get { storage.fields.title }
        set { uniqueStorage().fields.title = newValue }
    }
    /// When the article was first published.
    public var date: Timestamp {
        get { storage.fields.date }
        set { uniqueStorage().fields.date = newValue }
    }
    /// When the article was last changed, if it says so.
    public var updated: Timestamp? {
        get { storage.fields.updated }
        set { uniqueStorage().fields.updated = newValue }
    }
    /// Tags, as written (duplicates removed).
    public var tags: [String] {
        get { storage.fields.tags }
        set { uniqueStorage().fields.tags = newValue }
    }
    /// Whether the article is a draft, left out of normal builds.
    public var draft: Bool {
        get { storage.fields.draft }
        set { uniqueStorage().fields.draft = newValue }
    }
    /// A summary from the front matter, plain text.
    public var summary: String? {
        get { storage.fields.summary }
        set { uniqueStorage().fields.summary = newValue }
    }
    /// The last path segment of the article's URL.
    public var slug: String {
        get { storage.fields.slug }
        set { uniqueStorage().fields.slug = newValue }
    }
    /// The section path (`posts`, `news/world`), empty for articles directly in `content/`.
    public var section: String {
        get { storage.fields.section }
        set { uniqueStorage().fields.section = newValue }
    }
    /// The article's authors, as it names them (`author` or `authors`).
    public var authors: [Person] {
        get { storage.fields.authors }
        set { uniqueStorage().fields.authors = newValue }
    }
    /// A feed entry id from the front matter, overriding the generated one.
    public var customID: String? {
        get { storage.fields.customID }
        set { uniqueStorage().fields.customID = newValue }
    }
    /// An image for social cards (`image:`), as written.
    public var image: String? {
        get { storage.fields.image }
        set { uniqueStorage().fields.image = newValue }
    }
    /// When the article stops being published (`expires:`).
    public var expires: Timestamp? {
        get { storage.fields.expires }
        set { uniqueStorage().fields.expires = newValue }
    }
    /// Whether the page shows a table of contents (`toc: true`).
    public var tableOfContents: Bool {
        get { storage.fields.tableOfContents }
        set { uniqueStorage().fields.tableOfContents = newValue }
    }
    /// The body as written.
    public var body: String {
        get { storage.fields.body }
        set { uniqueStorage().fields.body = newValue }
    }
    /// The file line on which `body` starts.
    public var bodyLine: Int {
        get { storage.fields.bodyLine }
        set { uniqueStorage().fields.bodyLine = newValue }
    }
    /// The site path of the article's page (`/posts/hello/`, `/2024/03/01/hello.html`), from the
    /// front matter's `path`/`url`/`permalink`, the section's permalink pattern, or the default.
    public var path: String {
        get { storage.fields.path }
        set { uniqueStorage().fields.path = newValue }
    }
    /// Site paths that redirect to the article (`aliases`, `redirect_from`).
    public var aliases: [String] {
        get { storage.fields.aliases }
        set { uniqueStorage().fields.aliases = newValue }
    }
    /// Tables handed to templates as they are (`extra`, `params`, and keys Gazette does not read).
    public var params: [MetadataEntry] {
        get { storage.fields.params }
        set { uniqueStorage().fields.params = newValue }
    }
    /// For a page bundle (`posts/trip/index.md`), the bundle's folder relative to `content/`;
    /// its other files are published beside the article's page.
    public var bundleFolder: String? {
        get { storage.fields.bundleFolder }
        set { uniqueStorage().fields.bundleFolder = newValue }
    }
    /// Whether this is a standalone page (`content/pages/`, or `layout: page`): published at
    /// its own URL and in the sitemap, but undated and in no list, tag, archive or feed.
    public var isPage: Bool {
        get { storage.fields.isPage }
        set { uniqueStorage().fields.isPage = newValue }
    }

    private var storage: Storage

    private final class Storage: @unchecked Sendable {
        // Written only through `uniqueStorage()`, when no other value shares it.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

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
        var isPage: Bool = false
    }

    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        return storage
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
        bundleFolder: String? = nil
    ) {
        storage = Storage(
            Fields(
                sourcePath: sourcePath, contentPath: contentPath, format: format, title: title, date: date,
                updated: updated, tags: tags, draft: draft, summary: summary, slug: slug, section: section,
                authors: authors, customID: customID, image: image, expires: expires, tableOfContents: tableOfContents,
                body: body, bodyLine: bodyLine, path: path ?? SitePaths.article(section: section, slug: slug),
                aliases: aliases, params: params, bundleFolder: bundleFolder))
    }

    /// `updated` when given, else `date`.
    public var lastModified: Timestamp { updated ?? date }

    public init(from decoder: any Decoder) throws {
        storage = Storage(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }

    public static func == (left: Article, right: Article) -> Bool {
        left.storage === right.storage || left.storage.fields == right.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }
}
