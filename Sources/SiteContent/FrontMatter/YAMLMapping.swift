import GazetteCore
import SiteModel
import Syndication
import Yams

/// A YAML mapping read with Yams, whose typed accessors report errors at the file line of
/// the offending value.
struct YAMLMapping: FrontMatterValues {
    private let mapping: Node.Mapping
    /// The file the YAML came from, for diagnostics.
    let file: String
    /// The file line of the YAML's first line, minus one.
    private let lineOffset: Int

    private init(mapping: Node.Mapping, file: String, lineOffset: Int) {
        self.mapping = mapping
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Parses YAML text that must be a mapping (or empty).
    /// - Parameters:
    ///   - text: The YAML.
    ///   - file: The file it came from.
    ///   - lineOffset: How many lines of the file come before the YAML.
    /// - Returns: The mapping, or `nil` when the text holds no document.
    static func parse(_ text: String, file: String, lineOffset: Int) throws(BuildFailure) -> YAMLMapping? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw BuildFailure(describe(error, file: file, lineOffset: lineOffset))
        } catch {
            throw BuildFailure(.error(file, line: lineOffset + 1, "cannot read YAML: \(error)"))
        }
        guard let root else { return nil }
        guard case .mapping(let mapping) = root else {
            let line = lineOffset + (root.mark?.line ?? 1)
            throw BuildFailure(
                .error(
                    file, line: line,
                    "front matter must be a mapping of keys to values (`title: Hello`), not a \(kind(of: root))"))
        }
        return YAMLMapping(mapping: mapping, file: file, lineOffset: lineOffset)
    }

    /// The keys present, in file order.
    var keys: [String] { mapping.keys.compactMap(\.string) }

    /// The file line of a key, or of the mapping when the key is absent.
    func line(of key: String) -> Int {
        let mark = mapping.first { $0.key.string == key }?.key.mark ?? mapping.mark
        return lineOffset + (mark?.line ?? 1)
    }

    /// A scalar value as text; `nil` when absent or null.
    func string(_ key: String) throws(BuildFailure) -> String? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw typeError(key, expected: "a text value") }
        return scalar.string
    }

    /// A boolean (`true`/`false`, `yes`/`no`); `nil` when absent.
    func bool(_ key: String) throws(BuildFailure) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let value = node.bool else { throw typeError(key, expected: "true or false") }
        return value
    }

    /// A whole number; `nil` when absent.
    func int(_ key: String) throws(BuildFailure) -> Int? {
        guard let node = value(key) else { return nil }
        guard let value = node.int else { throw typeError(key, expected: "a whole number") }
        return value
    }

    /// A list of text values, also accepted as one comma-separated text; `nil` when absent.
    func strings(_ key: String) throws(BuildFailure) -> [String]? {
        guard let node = value(key) else { return nil }
        switch node {
        case .scalar(let scalar):
            return scalar.string.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        case .sequence(let sequence):
            return try sequence.map { (item: Node) throws(BuildFailure) -> String in
                guard case .scalar(let scalar) = item else { throw typeError(key, expected: "a list of text values") }
                return scalar.string
            }
        default:
            throw typeError(key, expected: "a list of text values")
        }
    }

    /// A nested mapping; `nil` when absent.
    func mapping(_ key: String) throws(BuildFailure) -> YAMLMapping? {
        guard let node = value(key) else { return nil }
        guard case .mapping(let nested) = node else { throw typeError(key, expected: "a mapping of keys to values") }
        return YAMLMapping(mapping: nested, file: file, lineOffset: lineOffset)
    }

    /// A person, written either as a name or as a mapping with `name`, `email` and `uri`;
    /// `nil` when absent.
    func person(_ key: String) throws(BuildFailure) -> Person? {
        guard let node = value(key) else { return nil }
        if case .scalar(let scalar) = node { return Person(name: scalar.string) }
        guard let nested = try mapping(key) else { return nil }
        guard let name = try nested.string("name") else { throw error(key, "'\(key)' needs a 'name'") }
        return Person(name: name, email: try nested.string("email"), uri: try nested.string("uri"))
    }

    private func value(_ key: String) -> Node? {
        guard let node = mapping[key] else { return nil }
        if case .scalar(let scalar) = node,
            scalar.tag.description == Tag.Name.null.rawValue
                || (scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string))
        {
            return nil
        }
        return node
    }

    private func typeError(_ key: String, expected: String) -> BuildFailure {
        error(key, "'\(key)' must be \(expected)")
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "single value"
        case .sequence: "list"
        case .mapping: "mapping"
        case .alias: "alias"
        }
    }

    private static func describe(_ error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text), " } ?? ""
            return .error(file, line: lineOffset + mark.line, column: mark.column, "invalid YAML: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                file, line: lineOffset + context.mark.line,
                "invalid YAML: the key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice")
        default:
            return .error(file, line: lineOffset + 1, "invalid YAML: \(error)")
        }
    }
}
