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
    }

    private struct State {
        var entries = SweptTable<Entry>()
        /// Whether an entry was added or dropped since the table was last saved or restored.
        var changed = false
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
    func value(for id: String, key: ContentDigest, compute: () -> Value) -> Value {
        guard remembers else { return compute() }
        return use(id, key: key) ?? remember(compute(), for: id, key: key)
    }

    /// Remembers `value`, computed from inputs with digest `key`, as the value for `id`, in
    /// place of any other, and returns it: for a value remembered that no longer holds, for
    /// inputs the key does not name (what a rendering looked up), or one `use` did not find.
    /// - Parameter kept: What of the value the table remembers; the whole value by default.
    @discardableResult
    func remember(_ value: Value, for id: String, key: ContentDigest, keeping kept: (Value) -> Value = { $0 }) -> Value
    {
        guard remembers else { return value }
        let remembered = kept(value)
        state.withLock { state in
            state.entries.set(id, to: Entry(key: key, value: remembered))
            state.changed = true
        }
        return value
    }

    /// The value for `id` if it was computed from inputs with digest `key`; the entry for `id`,
    /// if any, is used by the build under way either way.
    func use(_ id: String, key: ContentDigest) -> Value? {
        guard remembers else { return nil }
        return state.withLock { state -> Value? in
            guard let entry = state.entries.use(id), entry.key == key else { return nil }
            return entry.value
        }
    }

    /// Forgets which entries were used, before a build starts.
    func beginBuild() {
        state.withLock { $0.entries.beginBuild() }
    }

    /// Drops every entry the build that just ended did not ask for.
    func sweep() {
        state.withLock { state in
            if state.entries.sweep() { state.changed = true }
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

    /// Every entry, sorted by id, so that a saved table's bytes do not depend on hashing order.
    func snapshot() -> [Row] {
        state.withLock { state in state.entries.all().sorted { $0.id < $1.id }.map(Self.row) }
    }

    /// What a delta against a cache file keeps of the table: the entries whose rows the file
    /// does not hold, in no particular order, and the ids of `ids`, the file's rows, the table
    /// holds no entry for. While the table holds an entry for each of `ids` (every entry
    /// archived in the file, and those of the others found among `ids`, sorted as a file keeps
    /// them, by halving), none is looked up.
    func delta(against file: MappedFile, ids: [String]) -> (rows: [Row], missing: [String]) {
        state.withLock { state in
            let others = state.entries.all { $0.archived?.file !== file }
            let held = state.entries.count - others.count + others.count { Self.sorted(ids, hold: $0.id) }
            let missing = held == ids.count ? [] : ids.filter { !state.entries.holds($0) }
            return (others.map(Self.row), missing)
        }
    }

    private static func row(_ entry: (id: String, entry: Entry)) -> Row {
        Row(id: entry.id, key: entry.entry.key, value: entry.entry.value, archived: entry.entry.archived)
    }

    /// Whether `ids`, sorted, hold `id`.
    private static func sorted(_ ids: [String], hold id: String) -> Bool {
        var (low, high) = (0, ids.count)
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id
    }

    /// The entries that have a value and no archived row, in no particular order.
    func unarchivedRows() -> [Row] {
        state.withLock { state in
            state.entries.all { $0.archived == nil && $0.value != nil }.map(Self.row)
        }
    }

    /// Gives every entry of `archived` (made from `unarchivedRows()`) its archived row and lets
    /// go of its value: the table still saves it, but a later lookup computes it again. Values
    /// read from a cache file are kept: they hold little, and their archives stay in the file.
    func setAsideValues(archived: [String: (key: ContentDigest, row: ArchivedRow)]) {
        state.withLock { state in
            for (id, archive) in archived {
                state.entries.modify(id) { entry in
                    guard entry.key == archive.key else { return }
                    entry.archived = archive.row
                    entry.value = nil
                }
            }
        }
    }

    /// Replaces every entry with `rows`, as a build cache read from disk has them, then with
    /// `newer` in place of those with their ids, and without those of `removed`. Rows are
    /// taken as they come, not gathered first: each copy of a row retains what it holds.
    func restore(
        _ rows: some Collection<Row>, newer: some Collection<Row>, removing removed: Set<String>
    ) {
        var entries = SweptTable(
            rows.lazy.map { ($0.id, Entry(key: $0.key, value: $0.value, archived: $0.archived)) })
        for row in newer {
            entries.replace(row.id, with: Entry(key: row.key, value: row.value, archived: row.archived))
        }
        for id in removed { entries.remove(id) }
        state.withLock { state in
            state.entries = entries
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
