import GazetteCore
import Synchronization

/// The values one build stage computed, each under an id (an article's path, a page's path)
/// with the digest of the inputs it was computed from. A value is reused only when a later
/// build asks for the same id with the same digest; entries a build did not ask for are swept
/// when it ends. A value can be set aside once its row is archived (`setAsideValues`): the
/// entry is then only saved, never reused.
final class StageCache<Value: Sendable>: Sendable {
    private struct Entry {
        let key: ContentDigest
        /// The value; `nil` once set aside.
        var value: Value?
        /// The row a cache file holds for this entry, when it was read from one or set aside
        /// in one: saved again as it is.
        var archived: ArchivedRow?
        /// The last build that asked for it (`State.build`).
        var used = 0
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// The build under way, counted from 1: an entry is used when its `used` is this.
        var build = 1
        /// How many entries the build under way asked for.
        var usedCount = 0
        /// Whether an entry was added or dropped since the table was last saved or restored.
        var changed = false

        /// Marks the entry at `index` used by the build under way: in place, without hashing
        /// its id again (ids are asked for by the tens of thousands on every rebuild).
        mutating func markUsed(at index: [String: Entry].Index) {
            guard entries.values[index].used != build else { return }
            entries.values[index].used = build
            usedCount += 1
        }
    }

    private let state = Mutex(State())
    /// Whether the table keeps what it computes; one that does not computes every value asked for.
    private let remembers: Bool

    /// An empty table; one that does not `remember` computes every value asked for and keeps none.
    init(remembering remembers: Bool = true) {
        self.remembers = remembers
    }

    /// The value for `id` if it was computed from inputs with digest `key`; else computes,
    /// remembers and returns it.
    /// - Parameter kept: What of a computed value the table remembers; the whole value by default.
    func value(
        for id: String, key: ContentDigest, compute: () -> Value, keeping kept: (Value) -> Value = { $0 }
    ) -> Value {
        guard remembers else { return compute() }
        let hit = state.withLock { state -> Value? in
            guard let index = state.entries.index(forKey: id) else { return nil }
            state.markUsed(at: index)
            let entry = state.entries.values[index]
            return entry.key == key ? entry.value : nil
        }
        if let hit { return hit }
        let value = compute()
        let remembered = kept(value)
        state.withLock { state in
            let old = state.entries.updateValue(Entry(key: key, value: remembered, used: state.build), forKey: id)
            if old?.used != state.build { state.usedCount += 1 }
            state.changed = true
        }
        return value
    }

    /// Whether the value for `id` computed from inputs with digest `key` is remembered.
    func holds(_ id: String, key: ContentDigest) -> Bool {
        state.withLock { $0.entries[id].map { $0.key == key && $0.value != nil } ?? false }
    }

    /// Forgets which entries were used, before a build starts.
    func beginBuild() {
        state.withLock { state in
            state.build += 1
            state.usedCount = 0
        }
    }

    /// Drops every entry the build that just ended did not ask for.
    func sweep() {
        state.withLock { state in
            if state.usedCount != state.entries.count {
                let build = state.build
                state.entries = state.entries.filter { $0.value.used == build }
                state.changed = true
            }
            state.build += 1
            state.usedCount = 0
        }
    }

    /// One entry as a cache file keeps it.
    struct Row: Sendable {
        let id: String
        let key: ContentDigest
        /// The value; `nil` when it was set aside, and `archived` holds it.
        let value: Value?
        /// The entry's row in the cache file it was read from or set aside in, if it was.
        var archived: ArchivedRow?
    }

    /// Every entry, sorted by id so that a saved table's bytes do not depend on hashing order.
    func snapshot() -> [Row] {
        state.withLock { state in
            state.entries.sorted { $0.key < $1.key }.map {
                Row(id: $0.key, key: $0.value.key, value: $0.value.value, archived: $0.value.archived)
            }
        }
    }

    /// The entries that have a value and no archived row, in no particular order.
    func unarchivedRows() -> [Row] {
        state.withLock { state in
            state.entries.compactMap { id, entry in
                guard entry.archived == nil, let value = entry.value else { return nil }
                return Row(id: id, key: entry.key, value: value)
            }
        }
    }

    /// Gives every entry of `archived` (made from `unarchivedRows()`) its archived row, then
    /// lets go of the value of every entry that has one: the table still saves them, but a
    /// later lookup computes them again.
    func setAsideValues(archived: [String: (key: ContentDigest, row: ArchivedRow)]) {
        state.withLock { state in
            for (id, archive) in archived {
                if let index = state.entries.index(forKey: id), state.entries.values[index].key == archive.key {
                    state.entries.values[index].archived = archive.row
                }
            }
            // In place: neither the table nor its ids are copied or hashed again.
            for index in state.entries.indices where state.entries.values[index].archived != nil {
                state.entries.values[index].value = nil
            }
        }
    }

    /// Replaces every entry with `rows`, as a build cache read from disk has them.
    func restore(_ rows: [Row]) {
        state.withLock { state in
            state.entries = Dictionary(
                rows.map { ($0.id, Entry(key: $0.key, value: $0.value, archived: $0.archived)) }
            ) { first, _ in first }
            state.usedCount = 0
            state.changed = false
        }
    }

    /// Whether entries were added or dropped since the table was restored or this was last asked;
    /// asking resets it.
    func takeChanged() -> Bool {
        state.withLock { state in
            defer { state.changed = false }
            return state.changed
        }
    }

    /// How many values are remembered.
    var count: Int {
        state.withLock { $0.entries.count }
    }
}
