import Synchronization

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
}
