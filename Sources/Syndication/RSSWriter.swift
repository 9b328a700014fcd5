import GazetteCore

/// Writes a `Feed` as an RSS 2.0 document, with `atom:link rel="self"`, full content in
/// `content:encoded` and authors without an email address in `dc:creator`.
public struct RSSWriter: Sendable {
    /// The namespace of `content:encoded`.
    public static let contentNamespace = "http://purl.org/rss/1.0/modules/content/"
    /// The Dublin Core namespace of `dc:creator`.
    public static let dublinCoreNamespace = "http://purl.org/dc/elements/1.1/"

    /// Creates a writer.
    public init() {}

    /// Writes the feed. Dates come from the entries only, never from the clock.
    public func write(_ feed: Feed) -> FeedDocument {
        var xml = XMLBuilder()
        xml.stylesheet(feed.stylesheetURL)
        xml.open(
            "rss",
            [
                "version": "2.0",
                "xmlns:atom": AtomWriter.namespace,
                "xmlns:content": Self.contentNamespace,
                "xmlns:dc": Self.dublinCoreNamespace,
            ])
        xml.open("channel")
        xml.element("title", feed.title)
        xml.element("link", feed.homePageURL)
        xml.element("description", feed.subtitle ?? feed.title)
        xml.element("language", feed.language)
        if let updated = feed.updated { xml.element("lastBuildDate", updated.rfc822) }
        xml.element("generator", feed.generator?.name)
        xml.element("managingEditor", feed.authors.first.flatMap(Self.mailbox))
        xml.empty("atom:link", ["rel": "self", "type": FeedFormat.rss.mediaType, "href": feed.selfURL])
        if let hub = feed.hubURL { xml.empty("atom:link", ["rel": "hub", "href": hub]) }
        if let image = feed.logo ?? feed.icon {
            xml.open("image")
            xml.element("url", image)
            xml.element("title", feed.title)
            xml.element("link", feed.homePageURL)
            xml.close("image")
        }
        for entry in feed.entries {
            xml.context = "item \(entry.id)"
            xml.open("item")
            xml.element("title", entry.title)
            xml.element("link", entry.url)
            xml.element("guid", entry.id, ["isPermaLink": entry.id == entry.url ? "true" : "false"])
            xml.element("pubDate", entry.published.rfc822)
            for author in entry.authors {
                if let mailbox = Self.mailbox(author) {
                    xml.element("author", mailbox)
                } else {
                    xml.element("dc:creator", author.name)
                }
            }
            for category in entry.categories { xml.element("category", category) }
            // RSS descriptions are HTML: the plain-text summary is escaped once for HTML here,
            // and once more for XML by the builder.
            xml.element("description", entry.summary.map { XMLText.escape($0) }, html: true)
            xml.element("content:encoded", entry.contentHTML, html: true)
            xml.close("item")
        }
        xml.close("channel")
        xml.close("rss")
        return FeedDocument(
            text: xml.text, mediaType: FeedFormat.rss.mediaType,
            warnings: xml.droppedCharacters.map {
                "characters XML forbids were dropped from \($0)"
            })
    }

    /// RSS's `author` form, `ann@example.org (Ann)`; `nil` without an email address.
    static func mailbox(_ person: Person) -> String? {
        person.email.map { "\($0) (\(person.name))" }
    }
}
