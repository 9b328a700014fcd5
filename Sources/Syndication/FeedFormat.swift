/// The feed formats Gazette writes, with what a web server and a page head need to know.
public enum FeedFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Atom 1.0, RFC 4287.
    case atom
    /// RSS 2.0.
    case rss
    /// JSON Feed 1.1.
    case json

    /// What sets one format apart, as data: where it is published, how it is announced and
    /// served, and whether it is XML.
    public struct Traits: Sendable, Hashable {
        /// The file name a feed of this format is published under (`feed.xml`).
        public let fileName: String
        /// The media type to serve and to announce in `<link rel="alternate">`.
        public let mediaType: String
        /// A name for people (`Atom`, `RSS`, `JSON Feed`).
        public let displayName: String
        /// Whether documents are XML, which can carry an XSLT stylesheet and declare a charset.
        public let isXML: Bool
    }

    /// This format's traits.
    public var traits: Traits {
        switch self {
        case .atom: Traits(fileName: "feed.xml", mediaType: "application/atom+xml", displayName: "Atom", isXML: true)
        case .rss: Traits(fileName: "rss.xml", mediaType: "application/rss+xml", displayName: "RSS", isXML: true)
        case .json:
            Traits(fileName: "feed.json", mediaType: "application/feed+json", displayName: "JSON Feed", isXML: false)
        }
    }

    /// The file name a feed of this format is published under (`feed.xml`).
    public var fileName: String { traits.fileName }

    /// The media type to serve and to announce in `<link rel="alternate">`.
    public var mediaType: String { traits.mediaType }

    /// A name for people (`Atom`, `RSS`, `JSON Feed`).
    public var displayName: String { traits.displayName }

    /// The `Content-Type` to serve documents with: XML formats say their charset, since XML
    /// media types default to none; JSON is UTF-8 by definition.
    public var contentType: String { traits.isXML ? mediaType + "; charset=utf-8" : mediaType }

    /// Writes `feed` in this format.
    public func write(_ feed: Feed) -> FeedDocument {
        switch self {
        case .atom: AtomWriter().write(feed)
        case .rss: RSSWriter().write(feed)
        case .json: JSONFeedWriter().write(feed)
        }
    }
}
