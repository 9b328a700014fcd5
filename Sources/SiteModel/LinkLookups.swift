public import GazetteCore

/// What rendering an article looked up in the site's table of links (the content files and
/// the URLs they are published at): each key it asked for, in the order first asked, with the
/// answer it got. A rendering depends on these answers, not on the whole table: it holds while
/// every key gets the same answer, whatever articles were added or removed elsewhere.
public struct LinkLookups: Sendable, Hashable {
    /// The keys asked for, each once.
    public private(set) var keys: [String] = []
    /// The answer to each key, in the same order; "" for none.
    public private(set) var answers: [String] = []

    /// No lookups.
    public init() {}

    /// The lookups of `keys`, answered by `answers` in the same order.
    public init(keys: [String], answers: [String]) {
        precondition(keys.count == answers.count, "one answer per key")
        self.keys = keys
        self.answers = answers
    }

    /// The digest of every key and answer; `nil` when there are none.
    public var digest: ContentDigest? {
        guard !keys.isEmpty else { return nil }
        var hasher = ContentHasher()
        keys.combine(into: &hasher)
        answers.combine(into: &hasher)
        return hasher.finalize()
    }

    /// Adds a lookup of `key`, answered `answer` (`nil` for none). The caller asks each key once.
    public mutating func record(_ key: String, answer: String?) {
        keys.append(key)
        answers.append(answer ?? "")
    }
}
