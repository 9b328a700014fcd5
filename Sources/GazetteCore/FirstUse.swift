import Synchronization

/// A value made when it is first asked for, once, whichever thread asks: for what a build
/// seldom needs (a table for one shortcode, the excerpt of an article no list shows again).
package final class FirstUse<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let made = Mutex<Value?>(nil)

    /// - Parameter make: Makes the value; called at most once.
    package init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value, made now if no one asked before.
    package var value: Value {
        made.withLock { made in
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
