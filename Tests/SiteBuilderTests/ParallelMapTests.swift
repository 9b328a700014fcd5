import Synchronization
import Testing

@testable import SiteBuilder

/// The maps on all cores give every result in order, made once, and fail with the lowest
/// failing index's error, every result made before letting go of exactly once.
@Suite struct ParallelMapTests {
    /// A result that counts how many of its kind are alive.
    final class Counted: Sendable {
        let index: Int
        let alive: Counter

        init(_ index: Int, _ alive: Counter) {
            self.index = index
            self.alive = alive
            alive.add(1)
        }

        deinit { alive.add(-1) }
    }

    final class Counter: Sendable {
        private let value = Atomic(0)
        func add(_ amount: Int) { value.add(amount, ordering: .relaxed) }
        var count: Int { value.load(ordering: .relaxed) }
    }

    struct Failed: Error, Equatable {
        let index: Int
    }

    @Test(arguments: [0, 1, 2, 7, 256, 1_000])
    func resultsComeInOrder(count: Int) async throws {
        let alive = Counter()
        do {
            let made = concurrentMap(count) { Counted($0, alive) }
            #expect(made.map(\.index) == Array(0..<count))
            let chunked = concurrentMap(Array(0..<count), chunk: 7) { "item \($0)" }
            #expect(chunked == (0..<count).map { "item \($0)" })
            let mapped = await parallelMap(Array(0..<count)) { Counted($0 * 2, alive) }
            #expect(mapped.map(\.index) == (0..<count).map { $0 * 2 })
            #expect(alive.count == 2 * count)
        }
        #expect(alive.count == 0)
    }

    @Test func theLowestFailingIndexFailsTheMapAndWhatWasMadeIsLetGo() {
        let alive = Counter()
        let failing: Set = [5, 300, 301, 999]
        #expect(throws: Failed(index: 5)) {
            try concurrentMap(1_000) { (index) throws(Failed) -> Counted in
                guard !failing.contains(index) else { throw Failed(index: index) }
                return Counted(index, alive)
            }
        }
        #expect(throws: Failed(index: 5)) {
            try concurrentMap(Array(0..<1_000), chunk: 64) { (index) throws(Failed) -> Counted in
                guard !failing.contains(index) else { throw Failed(index: index) }
                return Counted(index, alive)
            }
        }
        #expect(alive.count == 0)
    }
}
