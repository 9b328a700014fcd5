import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Values a build leaves for the system to take back when the process ends, instead of
/// freeing them object by object: a build of ten thousand articles holds hundreds of
/// thousands of objects, and freeing them took a tenth of a second after the work was done.
enum ProcessEnd {
    /// A kept value. Nothing ever reads it again, so it may cross threads whatever it is.
    private final class Kept: @unchecked Sendable {
        let value: Any

        init(_ value: Any) {
            self.value = value
        }
    }

    private static let kept = Mutex<[Kept]>([])

    /// Keeps `values` until the process ends.
    static func keep(_ values: Any...) {
        let boxes = values.map(Kept.init)
        kept.withLock { $0 += boxes }
    }

    /// Has the allocator keep the memory the build frees for the build's later allocations,
    /// instead of giving it back to the system and asking again: by default glibc maps each
    /// large block on its own and unmaps it once freed, and trims the heap's top, so a stage
    /// asked again for memory the one before had just returned (a rebuild of 10,000 articles
    /// grew its heaps a seventh less often). The system takes it all back at the end.
    /// - Returns: Whether the allocator took both settings; `false` where it is not glibc's.
    @discardableResult
    static func keepFreedMemory() -> Bool {
        #if canImport(Glibc)
            // `mallopt` and its parameters' numbers (malloc.h, which Swift's Glibc leaves out).
            typealias SetOption = @convention(c) (Int32, Int32) -> Int32
            let trimThreshold: Int32 = -1
            let mapThreshold: Int32 = -3
            guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
            let mallopt = unsafeBitCast(address, to: SetOption.self)
            // The largest threshold mallopt(3) documents for 64-bit systems: blocks below it
            // come from the heap, whose freed memory later blocks reuse.
            return mallopt(mapThreshold, 32 << 20) == 1 && mallopt(trimThreshold, 1 << 30) == 1
        #else
            return false
        #endif
    }
}
