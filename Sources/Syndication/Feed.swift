public import GazetteCore

/// A feed as every writer sees it: one model, written as Atom (and later RSS and JSON Feed).
public struct Feed: Sendable, Hashable {
    /// A permanent, absolute IRI that identifies the feed.
    public var id: String
    /// The feed's title, plain text.
    public var title: String
    /// A one-line description, plain text.
    public var subtitle: String?
    /// The language of the feed's text (`en`, `de-CH`).
    public var language: String?
    /// Where the feed itself is published (an absolute URL).
    public var selfURL: String
    /// The web page the feed belongs to (an absolute URL).
    public var homePageURL: String
    /// Authors of the whole feed, used for entries that name none.
    public var authors: [Person]
    /// The program that wrote the feed.
    public var generator: Generator?
    /// A small square image for the feed (an absolute URL).
    public var icon: String?
    /// A larger image for the feed (an absolute URL).
    public var logo: String?
    /// A WebSub hub that pushes updates of this feed (an absolute URL).
    public var hubURL: String?
    /// An XSLT stylesheet browsers apply to XML feeds (a URL), for a readable page.
    public var stylesheetURL: String?
    /// RFC 5005 archive links, for feeds that are part of an archived history.
    public var archive: ArchiveLinks?
    /// Entries, newest first.
    public var entries: [FeedEntry]

    /// Creates a feed.
    public init(
        id: String, title: String, subtitle: String? = nil, language: String? = nil,
        selfURL: String, homePageURL: String, authors: [Person] = [],
        generator: Generator? = nil, entries: [FeedEntry]
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.selfURL = selfURL
        self.homePageURL = homePageURL
        self.authors = authors
        self.generator = generator
        self.entries = entries
    }

    /// Puts entries in feed order: newest `published` first, ties broken by URL, so the
    /// order never changes between builds.
    public static func ordered(_ entries: [FeedEntry]) -> [FeedEntry] {
        entries.sorted {
            !$0.published.isSameInstant(as: $1.published) ? $0.published.isLater(than: $1.published) : $0.url < $1.url
        }
    }

    /// When the feed last changed: the newest `updated` of its entries. `nil` for a feed with
    /// no entries, which writers then date at the Unix epoch so output never depends on the clock.
    public var updated: Timestamp? {
        entries.map(\.updated).max()
    }
}

/// One entry of a feed.
public struct FeedEntry: Sendable, Hashable {
    /// A permanent, absolute IRI that identifies the entry across rebuilds.
    public var id: String
    /// The title, plain text.
    public var title: String
    /// The entry's web page (an absolute URL).
    public var url: String
    /// When the entry was first published.
    public var published: Timestamp
    /// When the entry last changed in a way its author wanted readers to notice.
    public var updated: Timestamp
    /// The entry's authors; empty to use the feed's.
    public var authors: [Person]
    /// Tags or categories, plain text.
    public var categories: [String]
    /// A short summary, plain text.
    public var summary: String?
    /// The full content as HTML, with absolute URLs; `nil` to publish the summary only.
    public var contentHTML: String?

    /// Creates an entry.
    public init(
        id: String, title: String, url: String, published: Timestamp, updated: Timestamp,
        authors: [Person] = [], categories: [String] = [], summary: String? = nil, contentHTML: String? = nil
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.published = published
        self.updated = updated
        self.authors = authors
        self.categories = categories
        self.summary = summary
        self.contentHTML = contentHTML
    }
}

/// A person: an author or contributor.
public struct Person: Sendable, Hashable, Codable {
    /// The name people know them by.
    public var name: String
    /// An email address.
    public var email: String?
    /// A web page about them.
    public var uri: String?

    /// Creates a person.
    public init(name: String, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}

/// Links between the documents of an archived feed (RFC 5005 §4).
public struct ArchiveLinks: Sendable, Hashable {
    /// The subscription document, which always holds the newest entries.
    public var current: String
    /// The next older archive document, if any.
    public var previousArchive: String?
    /// The next newer archive document, if any.
    public var nextArchive: String?
    /// Whether this document is itself an archive document (`fh:archive`).
    public var isArchive: Bool

    /// Creates archive links.
    public init(current: String, previousArchive: String? = nil, nextArchive: String? = nil, isArchive: Bool) {
        self.current = current
        self.previousArchive = previousArchive
        self.nextArchive = nextArchive
        self.isArchive = isArchive
    }
}

/// The program that wrote a feed.
public struct Generator: Sendable, Hashable {
    /// The program's name.
    public var name: String
    /// Its home page.
    public var uri: String?
    /// Its version.
    public var version: String?

    /// Creates a generator description.
    public init(name: String, uri: String? = nil, version: String? = nil) {
        self.name = name
        self.uri = uri
        self.version = version
    }
}
