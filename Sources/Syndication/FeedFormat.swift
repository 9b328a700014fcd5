/// The feed formats Gazette writes, with what a web server and a page head need to know.
public enum FeedFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Atom 1.0, RFC 4287.
    case atom
    /// RSS 2.0.
    case rss
    /// JSON Feed 1.1.
    case json

    /// The file name a feed of this format is published under (`feed.xml`).
    public var fileName: String {
        switch self {
        case .atom: "feed.xml"
        case .rss: "rss.xml"
        case .json: "feed.json"
        }
    }

    /// The media type to serve and to announce in `<link rel="alternate">`.
    public var mediaType: String {
        switch self {
        case .atom: "application/atom+xml"
        case .rss: "application/rss+xml"
        case .json: "application/feed+json"
        }
    }

    /// A name for people (`Atom`, `RSS`, `JSON Feed`).
    public var displayName: String {
        switch self {
        case .atom: "Atom"
        case .rss: "RSS"
        case .json: "JSON Feed"
        }
    }

    /// Writes `feed` in this format.
    public func write(_ feed: Feed) -> FeedDocument {
        switch self {
        case .atom: AtomWriter().write(feed)
        case .rss: RSSWriter().write(feed)
        case .json: JSONFeedWriter().write(feed)
        }
    }
}
