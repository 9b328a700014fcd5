/// A feed written out: the text to publish and what the writer had to change to write it.
public struct FeedDocument: Sendable, Hashable {
    /// The document's text.
    public let text: String
    /// The media type to serve it with.
    public let mediaType: String
    /// Warnings, such as characters XML forbids that were dropped.
    public let warnings: [String]
}
