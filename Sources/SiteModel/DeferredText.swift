/// Text made only when it is read. A rendered article restored from the build cache keeps its
/// HTML in the mapped cache file this way: most rebuilds reuse the article's page and never
/// read it, and holding every article's HTML in memory is what made large sites' rebuilds big.
public struct DeferredText: Sendable, Hashable, CustomReflectable {
    private enum Storage: Sendable {
        case text(String)
        case deferred(utf8Count: Int, load: @Sendable () -> String)
    }

    private let storage: Storage

    /// Text that is there already.
    public init(_ text: String) {
        storage = .text(text)
    }

    /// Text `load` makes each time it is read, `utf8Count` bytes of UTF-8 long.
    public init(utf8Count: Int, load: @escaping @Sendable () -> String) {
        storage = .deferred(utf8Count: utf8Count, load: load)
    }

    /// The text; made again at each reading when it is deferred.
    public var text: String {
        switch storage {
        case .text(let text): text
        case .deferred(_, let load): load()
        }
    }

    /// Its length in bytes of UTF-8, known without making it.
    public var utf8Count: Int {
        switch storage {
        case .text(let text): text.utf8.count
        case .deferred(let utf8Count, _): utf8Count
        }
    }

    /// Equal when the texts are, deferred or not.
    public static func == (left: DeferredText, right: DeferredText) -> Bool {
        left.utf8Count == right.utf8Count && left.text == right.text
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Reflection, which digests of whole values walk, sees the text, deferred or not.
    public var customMirror: Mirror { Mirror(self, children: ["text": text]) }
}
