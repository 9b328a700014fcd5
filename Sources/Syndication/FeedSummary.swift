import GazetteCore

/// A value and where it stands in a document.
struct Located<Value> {
    let value: Value
    let line: Int
    var column: Int = 0
}

/// What every feed format says about its entries, read into one shape so the same rules can
/// check Atom, RSS and JSON Feed.
struct FeedSummary {
    /// `rel="self"` links or `feed_url`.
    var selfLinks: [Located<String>] = []
    /// Whether the entries' ids are checked here (Atom checks its own).
    var checkIDs = true
    var entries: [EntrySummary] = []
}

/// One entry, item or JSON Feed item.
struct EntrySummary {
    var line: Int
    var id: Located<String>?
    var title: Located<String>?
    /// The entry's web page.
    var link: Located<String>?
    var published: Located<Timestamp>?
    var updated: Located<Timestamp>?
    /// HTML content or description.
    var html: Located<String>?
    /// The `xml:base` in effect, which makes relative references resolvable.
    var base: String?
}
