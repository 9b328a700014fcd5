/// A model value's fields, held by reference and never changed once made: copying a struct made
/// of many fields then costs one reference count instead of one per field, and builds copy
/// their articles and files through many arrays.
final class SharedFields<Fields: Hashable & Sendable>: Sendable {
    let fields: Fields

    init(_ fields: Fields) { self.fields = fields }

    /// Whether two boxes hold equal fields; the same box needs no comparing.
    static func equal(_ left: SharedFields, _ right: SharedFields) -> Bool {
        left === right || left.fields == right.fields
    }
}
