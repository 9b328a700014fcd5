import Foundation

/// Maps `items` across all cores and returns the results in the original order.
///
/// Each call of `transform` runs start to finish on one thread, which libxml2's per-thread
/// error handling needs.
func parallelMap<Item: Sendable, Output: Sendable>(
    _ items: [Item],
    _ transform: @escaping @Sendable (Item) -> Output
) async -> [Output] {
    guard items.count > 1 else { return items.map(transform) }
    let batchSize = max(1, items.count / 64)
    return await withTaskGroup(of: (Int, [Output]).self) { group in
        for start in stride(from: 0, to: items.count, by: batchSize) {
            let batch = Array(items[start..<min(start + batchSize, items.count)])
            group.addTask { (start, batch.map(transform)) }
        }
        var results = [Output?](repeating: nil, count: items.count)
        for await (start, outputs) in group {
            for (offset, output) in outputs.enumerated() { results[start + offset] = output }
        }
        return results.map { $0! }
    }
}

/// Runs `work` for every index below `count` on all cores, on threads of its own rather than
/// Swift's concurrency pool, and returns the results in index order.
/// - Throws: The error of the lowest index whose work failed; nothing for work that cannot fail.
func concurrentMap<Output, Failure: Error>(
    _ count: Int, _ work: @Sendable (Int) throws(Failure) -> Output
) throws(Failure) -> [Output] {
    let slots = Slots<Output, Failure>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        slots.set(index, Result { () throws(Failure) in try work(index) })
    }
    return try slots.all()
}

/// `transform` applied to each of `items` on all cores (`concurrentMap(_:_:)`), `chunk` of
/// them to a task, the results in the items' order.
func concurrentMap<Items: RandomAccessCollection & Sendable, Output, Failure: Error>(
    _ items: Items, chunk: Int, _ transform: @Sendable (Items.Element) throws(Failure) -> Output
) throws(Failure) -> [Output] where Items.Index == Int {
    try concurrentMap(items, runsOf: chunk) { (run) throws(Failure) in try run.map(transform) }.flatMap { $0 }
}

/// `transform` applied on all cores (`concurrentMap(_:_:)`) to each run of `length` of
/// `items` (the last maybe shorter), the results in the runs' order. Which items a run holds
/// depends on `length` alone, never on the cores.
func concurrentMap<Items: RandomAccessCollection & Sendable, Output, Failure: Error>(
    _ items: Items, runsOf length: Int, _ transform: @Sendable (Items.SubSequence) throws(Failure) -> Output
) throws(Failure) -> [Output] where Items.Index == Int {
    let starts = Array(stride(from: items.startIndex, to: items.endIndex, by: length))
    return try concurrentMap(starts.count) { (part) throws(Failure) -> Output in
        try transform(items[starts[part]..<min(items.endIndex, starts[part] + length)])
    }
}

/// The results of `concurrentMap`, one slot per index, filled from several threads.
private final class Slots<Output, Failure: Error>: @unchecked Sendable {
    private var results: [Result<Output, Failure>?]
    private let lock = NSLock()

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<Output, Failure>) {
        lock.withLock { results[index] = result }
    }

    func all() throws(Failure) -> [Output] {
        let all = lock.withLock { results }
        return try all.map { (result) throws(Failure) in try result!.get() }
    }
}
