import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Lets only one very large item (an article of megabytes, its page) be worked on at a time.
/// Rendering, templating and parsing a large document take many times its size in memory;
/// done on every core at once, a few large articles would need gigabytes. Small items, which
/// are nearly all of them, are not held up.
enum LargeWork {
    /// Items of this many bytes or more take turns.
    static let threshold = 1 << 20

    private static let turn = NSLock()

    /// glibc's `malloc_trim`, which the Glibc module does not export.
    private static let trimHeap: (@convention(c) (Int) -> Int32)? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
            return nil
        #endif
    }()

    /// Runs `body` for an item of `size` bytes, waiting for any other large item to finish
    /// first. `body` must not start large work of its own.
    static func run<Output>(size: Int, _ body: () -> Output) -> Output {
        guard size >= threshold else { return body() }
        turn.lock()
        defer {
            // The allocator keeps what a large item freed for the thread that freed it; hand
            // it back, or each thread would keep the high-water mark of its largest item.
            _ = trimHeap?(0)
            turn.unlock()
        }
        return body()
    }
}
