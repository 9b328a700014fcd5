/// A model value's fields, held by reference and never changed once made: copying a struct made
/// of many fields then costs one reference count instead of one per field, and builds copy
/// their articles and files through many arrays. Equal when the fields are, so a struct whose
/// one stored property is its box keeps value equality.
final class SharedFields<Fields: Hashable & Sendable>: Sendable, Hashable {
    let fields: Fields

    init(_ fields: Fields) { self.fields = fields }

    /// Whether two boxes hold equal fields; the same box needs no comparing.
    static func == (left: SharedFields, right: SharedFields) -> Bool {
        left === right || left.fields == right.fields
    }

    func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}
