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
    let results = ResultSlots<Output, Never>(count: items.count)
    await withTaskGroup(of: Void.self) { group in
        for start in stride(from: 0, to: items.count, by: batchSize) {
            group.addTask {
                for index in start..<min(start + batchSize, items.count) {
                    results.put(transform(items[index]), at: index)
                }
            }
        }
    }
    return results.taken()
}

/// Runs `work` for every index below `count` on all cores, on threads of its own rather than
/// Swift's concurrency pool, and returns the results in index order.
/// - Throws: The error of the lowest index whose work failed; nothing for work that cannot fail.
func concurrentMap<Output, Failure: Error>(
    _ count: Int, _ work: @Sendable (Int) throws(Failure) -> Output
) throws(Failure) -> [Output] {
    try concurrentRuns(count, of: 1, work)
}

/// `transform` applied to each of `items` on all cores (`concurrentMap(_:_:)`), `chunk` of
/// them to a task, the results in the items' order.
func concurrentMap<Items: RandomAccessCollection & Sendable, Output, Failure: Error>(
    _ items: Items, chunk: Int, _ transform: @Sendable (Items.Element) throws(Failure) -> Output
) throws(Failure) -> [Output] where Items.Index == Int {
    try concurrentRuns(items.count, of: chunk) { (index) throws(Failure) in
        try transform(items[items.startIndex + index])
    }
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

/// `work` for every index below `count`, on all cores, `length` indices in turn to a task;
/// a task stops at its first failure.
private func concurrentRuns<Output, Failure: Error>(
    _ count: Int, of length: Int, _ work: @Sendable (Int) throws(Failure) -> Output
) throws(Failure) -> [Output] {
    let results = ResultSlots<Output, Failure>(count: count)
    DispatchQueue.concurrentPerform(iterations: (count + length - 1) / length) { run in
        for index in (run * length)..<min(count, (run + 1) * length) {
            do throws(Failure) {
                results.put(try work(index), at: index)
            } catch {
                results.fail(error, at: index)
                return
            }
        }
    }
    return try results.takenOrFirstFailure()
}

/// The results of a map on several threads, each put in place by the thread that made it
/// (every index once), then handed over as one array without being copied: gathering them
/// into an array, then unwrapping that, took a thread's time after every parallel stage.
private final class ResultSlots<Output, Failure: Error>: @unchecked Sendable {
    private let count: Int
    private let values: UnsafeMutablePointer<Output>
    /// Whether each slot holds a value.
    private let filled: UnsafeMutablePointer<Bool>
    private let failures = NSLock()
    /// The lowest index whose work failed, with its failure.
    private var firstFailure: (index: Int, failure: Failure)?

    init(count: Int) {
        self.count = count
        values = .allocate(capacity: count)
        filled = .allocate(capacity: count)
        filled.initialize(repeating: false, count: count)
    }

    deinit {
        for index in 0..<count where filled[index] { (values + index).deinitialize(count: 1) }
        values.deallocate()
        filled.deinitialize(count: count)
        filled.deallocate()
    }

    /// Puts the value of `index`.
    func put(_ value: Output, at index: Int) {
        (values + index).initialize(to: value)
        filled[index] = true
    }

    /// Records that the work of `index` failed.
    func fail(_ failure: Failure, at index: Int) {
        failures.withLock {
            if firstFailure.map({ index < $0.index }) ?? true { firstFailure = (index, failure) }
        }
    }

    /// Every value, in index order, moved out: once every index was put.
    func taken() -> [Output] {
        let all = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: values, count: count)
            initialized = count
        }
        filled.update(repeating: false, count: count)
        return all
    }

    /// Every value, or the failure of the lowest index that failed.
    func takenOrFirstFailure() throws(Failure) -> [Output] {
        if let firstFailure = failures.withLock({ firstFailure }) { throw firstFailure.failure }
        return taken()
    }
}
