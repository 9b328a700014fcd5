import Foundation

/// Runs a server's `run(onListening:)` in a task and waits until it listens.
/// - Returns: The task, to cancel when done, and the port it listens on.
func startListening(
    _ run: @escaping @Sendable (_ onListening: @escaping @Sendable (Int) -> Void) async throws -> Void
) async -> (Task<Void, any Error>, Int) {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let task = Task { try await run { continuation.yield($0) } }
    var iterator = ports.makeAsyncIterator()
    return (task, await iterator.next() ?? 0)
}
