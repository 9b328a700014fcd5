/// Entries by id, each marked with the last build that asked for it, so that the end of a
/// build drops what it did not ask for: the bookkeeping a stage's table and the page-digest
/// memo share. Marks are set in place, without hashing an id again: ids are asked for by the
/// tens of thousands on every rebuild.
struct SweptTable<Entry> {
    fileprivate struct Marked {
        var entry: Entry
        /// The last build that asked for it (`build`).
        var used: Int
    }

    private var marked: [String: Marked]
    /// The build under way, counted from 1: an entry is used when its mark is this.
    private var build = 1
    /// How many entries the build under way asked for.
    private var usedCount = 0

    /// An empty table.
    init() {
        marked = [:]
    }

    /// A table of `entries`, none of them used yet; of two with one id, the last is kept.
    init(_ entries: some Collection<(id: String, entry: Entry)>) {
        // Sized once: grown entry by entry, tens of thousands of ids would be hashed again at
        // every doubling.
        marked = Dictionary(minimumCapacity: entries.count)
        for (id, entry) in entries { marked[id] = Marked(entry: entry, used: 0) }
    }

    /// How many entries there are.
    var count: Int { marked.count }

    /// The entries `isIncluded` accepts, in no particular order; the others are not copied.
    func all(where isIncluded: (Entry) -> Bool = { _ in true }) -> [(id: String, entry: Entry)] {
        marked.compactMap { isIncluded($0.value.entry) ? ($0.key, $0.value.entry) : nil }
    }

    /// Whether there is an entry for `id`, without marking it used.
    func holds(_ id: String) -> Bool {
        marked.index(forKey: id) != nil
    }

    /// The entry for `id`, marked used by the build under way.
    mutating func use(_ id: String) -> Entry? {
        guard let index = marked.index(forKey: id) else { return nil }
        if marked.values[index].used != build {
            marked.values[index].used = build
            usedCount += 1
        }
        return marked.values[index].entry
    }

    /// Sets the entry for `id`, used by the build under way.
    mutating func set(_ id: String, to entry: Entry) {
        let old = marked.updateValue(Marked(entry: entry, used: build), forKey: id)
        if old?.used != build { usedCount += 1 }
    }

    /// Sets the entry for `id`, not used by any build yet.
    mutating func replace(_ id: String, with entry: Entry) {
        if marked.updateValue(Marked(entry: entry, used: 0), forKey: id)?.used == build { usedCount -= 1 }
    }

    /// Removes the entry for `id`, if there is one.
    mutating func remove(_ id: String) {
        if marked.removeValue(forKey: id)?.used == build { usedCount -= 1 }
    }

    /// Changes the entry for `id` in place, if there is one.
    mutating func modify(_ id: String, _ body: (inout Entry) -> Void) {
        guard let index = marked.index(forKey: id) else { return }
        body(&marked.values[index].entry)
    }

    /// Starts a build: no entry is used by it yet.
    mutating func beginBuild() {
        build += 1
        usedCount = 0
    }

    /// Drops every entry the build under way did not use, and ends it.
    /// - Returns: Whether any entry was dropped.
    @discardableResult
    mutating func sweep() -> Bool {
        let dropping = usedCount != marked.count
        if dropping {
            let build = self.build
            marked = marked.filter { $0.value.used == build }
        }
        beginBuild()
        return dropping
    }
}

extension SweptTable: Sendable where Entry: Sendable {}
extension SweptTable.Marked: Sendable where Entry: Sendable {}
