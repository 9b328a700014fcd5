/// A value from front matter that Gazette hands on as written: `extra` (Zola) and `params`
/// (Hugo) tables, which templates read as `article.params`.
public indirect enum MetadataValue: Sendable, Hashable, Codable {
    case text(String)
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case list([MetadataValue])
    /// Keys in the order they were written.
    case table([MetadataEntry])

    /// The value as Mustache reads it: text, numbers and booleans as themselves, lists as
    /// arrays, tables as dictionaries.
    public var templateValue: Any {
        switch self {
        case .text(let text): text
        case .bool(let flag): flag
        case .integer(let number): number
        case .number(let number): number
        case .list(let values): values.map(\.templateValue)
        case .table(let entries):
            Dictionary(entries.map { ($0.key, $0.value.templateValue) }) { first, _ in first }
        }
    }
}

/// One key of a metadata table.
public struct MetadataEntry: Sendable, Hashable, Codable {
    /// The key.
    public let key: String
    /// Its value.
    public let value: MetadataValue

    /// Creates an entry.
    public init(key: String, value: MetadataValue) {
        self.key = key
        self.value = value
    }
}
