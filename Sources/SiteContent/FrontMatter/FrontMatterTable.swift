import GazetteCore
import SiteModel
import Syndication

/// A value read from front matter or a configuration file, whatever its syntax.
enum FrontMatterValue: Sendable, Hashable {
    /// A YAML scalar as written; whether it is a number or a boolean is decided by the reader.
    case scalar(String)
    case bool(Bool)
    case integer(Int)
    case number(Double)
    /// A TOML date or date-time, as RFC 3339 text.
    case date(String)
    case list([FrontMatterValue])
    case table(FrontMatterTable)
    /// YAML's `null`, `~` or an empty value: as good as absent.
    case null
}

/// Keyed values from front matter or a configuration file, in the order they were written,
/// with the file line of each key; typed accessors report errors at that line.
struct FrontMatterTable: Sendable, Hashable {
    /// One key, its value and its line.
    struct Entry: Sendable, Hashable {
        let key: String
        let value: FrontMatterValue
        let line: Int
    }

    /// The file the values came from, for diagnostics.
    let file: String
    /// The entries, in file order.
    let entries: [Entry]
    /// The line of the table itself, for keys it does not have.
    let line: Int

    /// The keys present, in file order.
    var keys: [String] { entries.map(\.key) }

    /// The first of several aliases (`updated`, `lastmod`) that is present; the first alias
    /// when none is.
    func key(_ aliases: String...) -> String {
        aliases.first { alias in entries.contains { $0.key == alias } } ?? aliases[0]
    }

    /// The file line of a key, or of the table when the key is absent.
    func line(of key: String) -> Int {
        entries.first { $0.key == key }?.line ?? line
    }

    /// The value of a key; `nil` when absent or null.
    func value(_ key: String) -> FrontMatterValue? {
        guard let value = entries.first(where: { $0.key == key })?.value, value != .null else { return nil }
        return value
    }

    /// A single value as text; `nil` when absent.
    func string(_ key: String) throws(BuildFailure) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = Self.text(of: value) else { throw typeError(key, expected: "a text value") }
        return text
    }

    /// A boolean (`true`/`false`, and in YAML `yes`/`no`); `nil` when absent.
    func bool(_ key: String) throws(BuildFailure) -> Bool? {
        switch value(key) {
        case nil: return nil
        case .bool(let flag): return flag
        case .scalar(let text):
            switch text.lowercased() {
            case "true", "yes", "on", "y": return true
            case "false", "no", "off", "n": return false
            default: throw typeError(key, expected: "true or false")
            }
        default: throw typeError(key, expected: "true or false")
        }
    }

    /// The whole number under `key`, which must lie in `range`; `nil` when absent.
    func int(_ key: String, in range: ClosedRange<Int>) throws(BuildFailure) -> Int? {
        guard let number = try int(key) else { return nil }
        guard range.contains(number) else {
            throw error(
                key,
                "'\(key)' must be between \(range.lowerBound.formatted(.number.grouping(.never))) and \(range.upperBound.formatted(.number.grouping(.never))); it is \(number)"
            )
        }
        return number
    }

    /// A URL or path under `key`, which may not be one a browser runs as script.
    func url(_ key: String) throws(BuildFailure) -> String? {
        guard let text = try string(key) else { return nil }
        guard !URI.runsScript(text) else {
            throw error(key, "'\(key)' may not be a javascript:, vbscript: or data: URL; give a link or a path")
        }
        return text
    }

    /// A whole number; `nil` when absent.
    func int(_ key: String) throws(BuildFailure) -> Int? {
        switch value(key) {
        case nil: return nil
        case .integer(let number): return number
        case .scalar(let text):
            guard let number = Int(text.replacing("_", with: "")) else {
                throw typeError(key, expected: "a whole number")
            }
            return number
        default: throw typeError(key, expected: "a whole number")
        }
    }

    /// A list of text values, also accepted as one comma-separated text; `nil` when absent.
    func strings(_ key: String) throws(BuildFailure) -> [String]? {
        switch value(key) {
        case nil: return nil
        case .list(let items):
            var texts: [String] = []
            for item in items where item != .null {
                guard let text = Self.text(of: item) else { throw typeError(key, expected: "a list of text values") }
                texts.append(text)
            }
            return texts
        case let value?:
            guard let text = Self.text(of: value) else { throw typeError(key, expected: "a list of text values") }
            return text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        }
    }

    /// A nested table; `nil` when absent.
    func table(_ key: String) throws(BuildFailure) -> FrontMatterTable? {
        switch value(key) {
        case nil: return nil
        case .table(let table): return table
        default: throw typeError(key, expected: "a mapping of keys to values")
        }
    }

    /// People, written as a name, a list of names, a mapping with `name`, `email` and `uri`
    /// (or `url`), or a list of such mappings; `nil` when absent.
    func people(_ key: String) throws(BuildFailure) -> [Person]? {
        guard let value = value(key) else { return nil }
        let items: [FrontMatterValue] = if case .list(let list) = value { list } else { [value] }
        var people: [Person] = []
        for item in items where item != .null {
            if let name = Self.text(of: item) {
                if !name.trimmingWhitespace().isEmpty { people.append(Person(name: name)) }
                continue
            }
            guard case .table(let table) = item else { throw typeError(key, expected: "a name or a list of names") }
            guard let name = try table.string("name") else { throw error(key, "'\(key)' needs a 'name'") }
            let uri = try table.url(table.key("uri", "url"))
            people.append(Person(name: name, email: try table.string("email"), uri: uri))
        }
        return people
    }

    /// A list of mappings; `nil` when absent.
    func tables(_ key: String) throws(BuildFailure) -> [FrontMatterTable]? {
        guard let value = value(key) else { return nil }
        guard case .list(let items) = value else { throw typeError(key, expected: "a list of mappings") }
        return try items.map { item throws(BuildFailure) in
            guard case .table(let table) = item else { throw typeError(key, expected: "a list of mappings") }
            return table
        }
    }

    /// The value as it is handed on to templates.
    func metadata(_ key: String) -> MetadataValue? {
        value(key).flatMap(Self.metadata)
    }

    /// An error at the line of `key`.
    func error(_ key: String, _ message: String) -> BuildFailure {
        BuildFailure(.error(file, line: line(of: key), message))
    }

    private func typeError(_ key: String, expected: String) -> BuildFailure {
        error(key, "'\(key)' must be \(expected)")
    }

    /// The lines of entries whose text holds characters HTML and XML forbid (written as
    /// escapes, `"\u0007"`), which every accessor drops.
    func linesWithForbiddenCharacters() -> [Int] {
        func holdsForbidden(_ value: FrontMatterValue) -> Bool {
            switch value {
            case .scalar(let text), .date(let text): !text.unicodeScalars.allSatisfy(XMLText.isAllowed)
            case .list(let items): items.contains(where: holdsForbidden)
            case .table(let table): !table.linesWithForbiddenCharacters().isEmpty
            case .bool, .integer, .number, .null: false
            }
        }
        return entries.flatMap { entry -> [Int] in
            if case .table(let table) = entry.value { return table.linesWithForbiddenCharacters() }
            return holdsForbidden(entry.value) || !entry.key.unicodeScalars.allSatisfy(XMLText.isAllowed)
                ? [entry.line] : []
        }
    }

    private static func text(of value: FrontMatterValue) -> String? {
        switch value {
        case .scalar(let text), .date(let text): XMLText.removingForbiddenCharacters(text).text
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .list, .table, .null: nil
        }
    }

    private static func metadata(_ value: FrontMatterValue) -> MetadataValue? {
        switch value {
        case .scalar(let text), .date(let text): .text(XMLText.removingForbiddenCharacters(text).text)
        case .bool(let flag): .bool(flag)
        case .integer(let number): .integer(number)
        case .number(let number): .number(number)
        case .list(let items): .list(items.compactMap(metadata))
        case .table(let table):
            .table(
                table.entries.compactMap { entry in
                    metadata(entry.value).map { MetadataEntry(key: entry.key, value: $0) }
                })
        case .null: nil
        }
    }
}
