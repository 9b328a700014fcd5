import GazetteCore
import Synchronization

/// The values one build stage computed, each under an id (an article's path, a page's path)
/// with the digest of the inputs it was computed from. A value is reused only when a later
/// build asks for the same id with the same digest; entries a build did not ask for are swept
/// when it ends.
final class StageCache<Value: Sendable>: Sendable {
    private struct Entry {
        let key: ContentDigest
        let value: Value
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var used: Set<String> = []
    }

    private let state = Mutex(State())

    /// The value for `id` if it was computed from inputs with digest `key`; else computes,
    /// remembers and returns it.
    func value(for id: String, key: ContentDigest, compute: () -> Value) -> Value {
        let hit = state.withLock { state -> Value? in
            state.used.insert(id)
            guard let entry = state.entries[id], entry.key == key else { return nil }
            return entry.value
        }
        if let hit { return hit }
        let value = compute()
        state.withLock { $0.entries[id] = Entry(key: key, value: value) }
        return value
    }

    /// Forgets which entries were used, before a build starts.
    func beginBuild() {
        state.withLock { $0.used.removeAll() }
    }

    /// Drops every entry the build that just ended did not ask for.
    func sweep() {
        state.withLock { state in
            state.entries = state.entries.filter { state.used.contains($0.key) }
            state.used.removeAll()
        }
    }

    /// How many values are remembered.
    var count: Int {
        state.withLock { $0.entries.count }
    }
}
