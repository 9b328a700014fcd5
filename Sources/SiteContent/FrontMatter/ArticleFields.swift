import GazetteCore
import SiteModel
import Syndication

/// What front matter says about an article: the one table from front matter keys (with the
/// aliases Hugo and Jekyll users write) to article fields, whatever the front matter's syntax.
struct ArticleFields {
    /// Most tags one article may have.
    static let maximumTags = 100

    /// Every key understood, each field's aliases in order of preference.
    static let knownKeys: Set<String> = [
        "title", "date", "updated", "lastmod", "tags", "draft", "summary", "description", "slug", "author", "id",
        "image", "expires", "expiryDate", "toc",
    ]

    var title: String?
    var date: Timestamp?
    var updated: Timestamp?
    /// The key `updated` was written under (`updated` or `lastmod`) and its line.
    var updatedKey = "updated"
    var updatedLine = 0
    var tags: [String] = []
    var draft = false
    var summary: String?
    /// The slug as given, already made a single URL segment.
    var slug: String?
    var author: Person?
    var customID: String?
    var image: String?
    var expires: Timestamp?
    var tableOfContents = false
    /// Keys no field reads, with their lines.
    var unknownKeys: [(key: String, line: Int)] = []

    /// The fields of an article without front matter.
    init() {}

    /// Reads every field from front matter values.
    /// - Throws: `BuildFailure` at the line of a value of the wrong type or shape.
    init(reading values: any FrontMatterValues) throws(BuildFailure) {
        unknownKeys = values.keys.filter { !Self.knownKeys.contains($0) }.map { ($0, values.line(of: $0)) }
        if let given = try values.string("title")?.trimmingWhitespace(), !given.isEmpty { title = given }
        date = try Self.timestamp(values, key: "date")
        updatedKey = values.key("updated", "lastmod")
        updatedLine = values.line(of: updatedKey)
        updated = try Self.timestamp(values, key: updatedKey)
        tags = try Self.tags(values)
        draft = try values.bool("draft") ?? false
        summary = try values.string(values.key("summary", "description"))
        slug = try Self.slug(values)
        author = try values.person("author")
        customID = try values.string("id")
        if let customID, !URI.isAbsolute(customID) {
            throw values.error(
                "id", "'id' must be an absolute URI such as tag:example.org,2024-03-01:hello or urn:uuid:…")
        }
        image = try values.string("image")
        expires = try Self.timestamp(values, key: values.key("expires", "expiryDate"))
        tableOfContents = try values.bool("toc") ?? false
    }

    private static func timestamp(_ values: any FrontMatterValues, key: String) throws(BuildFailure) -> Timestamp? {
        guard let text = try values.string(key) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw values.error(
                key,
                "'\(key)' is not a date: '\(text)'; write 2024-03-01, 2024-03-01 09:30 or 2024-03-01T09:30:00+01:00")
        }
        return date
    }

    private static func tags(_ values: any FrontMatterValues) throws(BuildFailure) -> [String] {
        guard let raw = try values.strings("tags") else { return [] }
        guard raw.count <= maximumTags else {
            throw values.error("tags", "\(raw.count) tags on one article; at most \(maximumTags) are allowed")
        }
        var seen: Set<String> = []
        var tags: [String] = []
        for tag in raw.map({ $0.trimmingWhitespace() }) where !tag.isEmpty {
            let slug = Slug.make(tag)
            guard !slug.isEmpty else {
                throw values.error("tags", "the tag '\(tag)' has no letters or digits to make a URL from")
            }
            if seen.insert(slug).inserted { tags.append(tag) }
        }
        return tags
    }

    private static func slug(_ values: any FrontMatterValues) throws(BuildFailure) -> String? {
        guard let given = try values.string("slug") else { return nil }
        guard !given.contains("/"), !given.contains("\\"), !given.contains("..") else {
            throw values.error("slug", "'slug' must be a single URL segment; it may not contain '/', '\\' or '..'")
        }
        let slug = Slug.make(given)
        guard !slug.isEmpty else { throw values.error("slug", "'slug' has no letters or digits") }
        return slug
    }
}
