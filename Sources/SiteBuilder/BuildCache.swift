import GazetteCore
import SiteModel
import SiteContent
import Synchronization

/// What one build can hand to the next so that unchanged work is not done again: articles
/// whose text did not change are not re-read or re-rendered, pages and feeds whose inputs did
/// not change are not re-rendered or re-validated. `build-site serve` keeps one for as long as
/// it runs; a normal build needs none.
///
/// Each slot remembers the last value computed for an id (an article's path, a page's path)
/// with the inputs it was computed from; a value is reused only when the inputs are equal.
public final class BuildCache: Sendable {
    private let slots = Mutex<[String: (inputs: any Hashable & Sendable, value: any Sendable)]>([:])

    /// Creates an empty cache.
    public init() {}

    /// The value remembered for `id` if it was computed from equal `inputs`; else computes,
    /// remembers and returns it.
    func value<Inputs: Hashable & Sendable, Value: Sendable>(for id: String, inputs: Inputs, compute: () -> Value) -> Value {
        if let hit = slots.withLock({ $0[id] }), hit.inputs as? Inputs == inputs, let value = hit.value as? Value { return value }
        let value = compute()
        slots.withLock { $0[id] = (inputs, value) }
        return value
    }
}

extension Optional where Wrapped == BuildCache {
    /// `compute()` through the cache when there is one.
    func value<Inputs: Hashable & Sendable, Value: Sendable>(for id: String, inputs: @autoclosure () -> Inputs, compute: () -> Value) -> Value {
        switch self {
        case let .some(cache): cache.value(for: id, inputs: inputs(), compute: compute)
        case .none: compute()
        }
    }
}

/// Two values as one cache input.
struct CacheInputs<First: Hashable & Sendable, Second: Hashable & Sendable>: Hashable, Sendable {
    let first: First
    let second: Second

    init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }
}
