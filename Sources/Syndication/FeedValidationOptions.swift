public import GazetteCore

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
    public init(
        expectedSelfURL: String? = nil, now: Timestamp? = nil, byteBudget: Int? = nil, checksContentHTML: Bool = true
    ) {
        self.expectedSelfURL = expectedSelfURL
        self.now = now
        self.byteBudget = byteBudget
        self.checksContentHTML = checksContentHTML
    }
}
