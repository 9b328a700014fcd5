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
