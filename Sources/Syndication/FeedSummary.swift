public import GazetteCore
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

/// Options for the checks that depend on where and when a feed is read.
public struct FeedValidationOptions: Sendable {
    /// Where the feed is served; its self link must match.
    public var expectedSelfURL: String?
    /// The current time, for "date in the future" warnings; `nil` to skip them (builds never
    /// consult the clock).
    public var now: Timestamp?
    /// The largest size, in bytes, a feed should have.
    public var byteBudget: Int?
    /// Whether HTML content is parsed to check its markup and find relative URLs. A builder
    /// that already validated the same HTML in its pages can skip this.
    public var checksContentHTML: Bool

    /// Creates options.
    public init(expectedSelfURL: String? = nil, now: Timestamp? = nil, byteBudget: Int? = nil, checksContentHTML: Bool = true) {
        self.expectedSelfURL = expectedSelfURL
        self.now = now
        self.byteBudget = byteBudget
        self.checksContentHTML = checksContentHTML
    }
}
