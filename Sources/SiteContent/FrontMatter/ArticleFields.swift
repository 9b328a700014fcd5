import GazetteCore
import SiteModel
import Syndication

/// What front matter says about an article: the one table from front matter keys to article
/// fields, with the names Hugo, Zola and Jekyll users write, whatever the front matter's syntax.
struct ArticleFields {
    /// Most tags one article may have.
    static let maximumTags = 100

    /// Keys other generators read that Gazette has no use for; they are ignored silently.
    static let ignoredKeys: Set<String> = [
        "weight", "type", "linkTitle", "keywords", "cascade", "build", "outputs", "template", "render",
        "in_search_index", "render_with_liquid", "sitemap", "menu", "translationKey", "headless",
        "excerpt_separator", "comments", "share",
    ]

    /// Every key a field reads.
    static let readKeys: Set<String> = [
        "title", "date", "publishDate", "pubdate", "published", "updated", "lastmod", "modified", "last_modified_at",
        "tags", "categories", "category", "taxonomies", "draft", "summary", "description", "excerpt", "slug",
        "author", "authors", "id", "image", "expires", "expiryDate", "unpublishdate", "toc", "path", "url",
        "permalink", "aliases", "redirect_from", "extra", "params", "layout",
    ]

    var title: String?
    var date: Timestamp?
    var updated: Timestamp?
    /// The key `updated` was written under (`updated`, `lastmod`, …) and its line.
    var updatedKey = "updated"
    var updatedLine = 0
    var tags: [String] = []
    var draft = false
    var summary: String?
    /// The slug as given, already made a single URL segment.
    var slug: String?
    var authors: [Person] = []
    var customID: String?
    var image: String?
    var expires: Timestamp?
    var tableOfContents = false
    /// The layout asked for (`layout: page` makes a standalone page); others are Jekyll's and
    /// Hugo's own and mean nothing here.
    var layout: String?
    /// The page's own path (`path`, `url`, `permalink`), normalized to a site path.
    var path: String?
    /// Site paths that redirect here (`aliases`, `redirect_from`).
    var aliases: [String] = []
    /// `extra`, `params` and keys no field reads, handed to templates.
    var params: [MetadataEntry] = []
    /// Keys no field reads that look like a misspelt key that one does, with their lines.
    var likelyTypos: [(key: String, line: Int, meant: String)] = []

    /// The fields of an article without front matter.
    init() {}

    /// Reads every field from front matter.
    /// - Parameters:
    ///   - values: The front matter.
    ///   - dates: Reads dates, placing those without an offset in the site's time zone.
    /// - Throws: `BuildFailure` at the line of a value of the wrong type or shape.
    init(reading values: FrontMatterTable, dates: DateReader) throws(BuildFailure) {
        if let given = try values.string("title")?.trimmingWhitespace(), !given.isEmpty { title = given }
        layout = try values.string("layout")?.trimmingWhitespace().lowercased()
        // Jekyll's `published: false` hides a post; Hugo's `published` is a date.
        let published = values.value("published")
        let flags: [FrontMatterValue] = [.bool(true), .bool(false), .scalar("true"), .scalar("false")]
        let publishedIsFlag = published.map(flags.contains) ?? false
        if publishedIsFlag, try values.bool("published") == false { draft = true }
        var dateKey = values.key("date", "publishDate", "pubdate")
        if values.value(dateKey) == nil, published != nil, !publishedIsFlag { dateKey = "published" }
        date = try Self.timestamp(values, key: dateKey, dates: dates)
        updatedKey = values.key("updated", "lastmod", "modified", "last_modified_at")
        updatedLine = values.line(of: updatedKey)
        updated = try Self.timestamp(values, key: updatedKey, dates: dates)
        tags = try Self.tags(values)
        if try values.bool("draft") == true { draft = true }
        summary = try values.string(values.key("summary", "description", "excerpt"))
        slug = try Self.slug(values)
        authors = try values.people(values.key("authors", "author")) ?? []
        if authors.isEmpty, let taxonomies = try values.table("taxonomies") {
            authors = try taxonomies.people("authors") ?? []
        }
        customID = try values.url("id")
        if let customID, !URI.isAbsolute(customID) {
            throw values.error(
                "id", "'id' must be an absolute URI such as tag:example.org,2024-03-01:hello or urn:uuid:…")
        }
        image = try values.url("image")
        expires = try Self.timestamp(values, key: values.key("expires", "expiryDate", "unpublishdate"), dates: dates)
        tableOfContents = try values.bool("toc") ?? false
        let pathKey = values.key("path", "url", "permalink")
        if let written = try values.string(pathKey) {
            guard let normalized = SitePaths.normalize(written) else {
                throw values.error(pathKey, "'\(pathKey)' must be a path inside the site, such as /2024/hello/")
            }
            path = normalized
        }
        aliases = try Self.aliases(values)
        params = Self.params(values)
        likelyTypos = values.keys.compactMap { key in
            guard !Self.readKeys.contains(key), !Self.ignoredKeys.contains(key) else { return nil }
            let meant = Self.readKeys.filter { Self.distance($0.lowercased(), key.lowercased()) <= 2 }.min()
            return meant.map { (key, values.line(of: key), $0) }
        }
    }

    /// The edit distance between two short words (Levenshtein).
    private static func distance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        guard abs(left.count - right.count) <= 2 else { return 3 }
        var previous = Array(0...right.count)
        for (i, leftCharacter) in left.enumerated() {
            var current = [i + 1]
            for (j, rightCharacter) in right.enumerated() {
                current.append(
                    min(previous[j + 1] + 1, current[j] + 1, previous[j] + (leftCharacter == rightCharacter ? 0 : 1)))
            }
            previous = current
        }
        return previous[right.count]
    }

    private static func timestamp(_ values: FrontMatterTable, key: String, dates: DateReader) throws(BuildFailure)
        -> Timestamp?
    {
        guard let text = try values.string(key) else { return nil }
        guard let date = dates.parse(text) else {
            throw values.error(
                key,
                "'\(key)' is not a date: '\(text)'; write 2024-03-01, 2024-03-01 09:30 or 2024-03-01T09:30:00+01:00")
        }
        let local = date.local
        // Hugo writes its zero time, 0001-01-01T00:00:00Z, for a date that was never set.
        if local.year == 1, local.month == 1, local.day == 1, local.hour == 0, local.minute == 0, local.second == 0 {
            return nil
        }
        guard (1000...9999).contains(local.year) else {
            throw values.error(
                key, "'\(key)' is out of range: '\(text)'; feeds and readers take years 1000 to 9999")
        }
        return date
    }

    /// `tags`, then `categories`/`category`, then Zola's `[taxonomies]` tables: every one
    /// becomes a tag, the first spelling of each kept.
    private static func tags(_ values: FrontMatterTable) throws(BuildFailure) -> [String] {
        var raw: [(String, FrontMatterTable, String)] = []
        for key in ["tags", "categories", "category"] {
            raw += (try values.strings(key) ?? []).map { ($0, values, key) }
        }
        if let taxonomies = try values.table("taxonomies") {
            for key in ["tags", "categories"] {
                raw += (try taxonomies.strings(key) ?? []).map { ($0, taxonomies, key) }
            }
        }
        guard raw.count <= maximumTags else {
            throw values.error("tags", "\(raw.count) tags on one article; at most \(maximumTags) are allowed")
        }
        var seen: Set<String> = []
        var tags: [String] = []
        for (written, table, key) in raw {
            let tag = written.trimmingWhitespace()
            guard !tag.isEmpty else { continue }
            let slug = Slug.make(tag)
            guard !slug.isEmpty else {
                throw table.error(key, "the tag '\(tag)' has no letters or digits to make a URL from")
            }
            if seen.insert(slug).inserted { tags.append(tag) }
        }
        return tags
    }

    private static func slug(_ values: FrontMatterTable) throws(BuildFailure) -> String? {
        guard let given = try values.string("slug") else { return nil }
        guard !given.contains("/"), !given.contains("\\"), !given.contains("..") else {
            throw values.error("slug", "'slug' must be a single URL segment; it may not contain '/', '\\' or '..'")
        }
        let slug = Slug.make(given)
        guard !slug.isEmpty else { throw values.error("slug", "'slug' has no letters or digits") }
        return slug
    }

    private static func aliases(_ values: FrontMatterTable) throws(BuildFailure) -> [String] {
        var aliases: [String] = []
        for key in ["aliases", "redirect_from"] {
            for written in try values.strings(key) ?? [] {
                guard let path = SitePaths.normalize(written) else {
                    throw values.error(
                        key, "'\(written)' in '\(key)' must be a path inside the site, such as /old/post/")
                }
                if !aliases.contains(path) { aliases.append(path) }
            }
        }
        return aliases
    }

    /// `extra` (Zola) and `params` (Hugo) entries, then every top-level key no field reads
    /// (Jekyll hands those to templates as they are).
    private static func params(_ values: FrontMatterTable) -> [MetadataEntry] {
        var entries: [MetadataEntry] = []
        for key in ["extra", "params"] {
            if case .table(let entriesOfKey)? = values.metadata(key) { entries += entriesOfKey }
        }
        for key in values.keys where !readKeys.contains(key) && !ignoredKeys.contains(key) {
            if let value = values.metadata(key) { entries.append(MetadataEntry(key: key, value: value)) }
        }
        return entries
    }
}
