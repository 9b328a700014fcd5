import GazetteCore

/// Writes a `Feed` as an Atom 1.0 document (RFC 4287).
public struct AtomWriter: Sendable {
    /// The Atom namespace.
    public static let namespace = "http://www.w3.org/2005/Atom"
    /// The media type of Atom feeds.
    public static let mediaType = FeedFormat.atom.mediaType
    /// The RFC 5005 feed-history namespace.
    public static let historyNamespace = "http://purl.org/syndication/history/1.0"

    /// Creates a writer.
    public init() {}

    /// Writes the feed. Dates come from the entries only, never from the clock.
    public func write(_ feed: Feed) -> FeedDocument {
        var xml = XMLBuilder()
        xml.stylesheet(feed.stylesheetURL)
        xml.open(
            "feed",
            [
                "xmlns": Self.namespace, "xmlns:fh": feed.archive == nil ? nil : Self.historyNamespace,
                "xml:lang": feed.language,
            ])
        if feed.archive?.isArchive == true { xml.empty("fh:archive", [:]) }
        xml.element("id", feed.id)
        xml.element("title", feed.title, ["type": "text"])
        xml.element("subtitle", feed.subtitle, ["type": "text"])
        xml.element("updated", (feed.updated ?? Timestamp(secondsSinceEpoch: 0)).rfc3339)
        writePeople(feed.authors, into: &xml)
        xml.empty("link", ["rel": "self", "type": Self.mediaType, "href": feed.selfURL])
        xml.empty("link", ["rel": "alternate", "type": "text/html", "href": feed.homePageURL])
        if let hub = feed.hubURL { xml.empty("link", ["rel": "hub", "href": hub]) }
        if let archive = feed.archive {
            xml.empty("link", ["rel": "current", "type": Self.mediaType, "href": archive.current])
            if let previous = archive.previousArchive {
                xml.empty("link", ["rel": "prev-archive", "type": Self.mediaType, "href": previous])
            }
            if let next = archive.nextArchive {
                xml.empty("link", ["rel": "next-archive", "type": Self.mediaType, "href": next])
            }
        }
        if let generator = feed.generator {
            xml.element("generator", generator.name, ["uri": generator.uri, "version": generator.version])
        }
        xml.element("icon", feed.icon)
        xml.element("logo", feed.logo)
        for entry in feed.entries {
            xml.context = "entry \(entry.id)"
            xml.open("entry")
            xml.element("id", entry.id)
            xml.element("title", entry.title, ["type": "text"])
            xml.empty("link", ["rel": "alternate", "type": "text/html", "href": entry.url])
            xml.element("published", entry.published.rfc3339)
            xml.element("updated", entry.updated.rfc3339)
            writePeople(entry.authors, into: &xml)
            for category in entry.categories {
                xml.empty("category", ["term": category])
            }
            xml.element("summary", entry.summary, ["type": "text"])
            xml.element("content", entry.contentHTML, ["type": "html"], html: true)
            xml.close("entry")
        }
        xml.close("feed")
        return FeedDocument(
            text: xml.text, mediaType: Self.mediaType,
            warnings: xml.droppedCharacters.map {
                "characters XML forbids were dropped from \($0)"
            })
    }

    private func writePeople(_ people: [Person], into xml: inout XMLBuilder) {
        for person in people {
            xml.open("author")
            xml.element("name", person.name)
            xml.element("email", person.email)
            xml.element("uri", person.uri)
            xml.close("author")
        }
    }
}
