import GazetteCore
import SiteModel
import Yams

/// Reads YAML (front matter, `site.yml`, Jekyll's `_config.yml`) with Yams into a
/// `FrontMatterTable`, keeping the file line of every key.
enum YAMLReader {
    /// Parses YAML text that must be a mapping (or empty).
    /// - Parameters:
    ///   - text: The YAML.
    ///   - file: The file it came from.
    ///   - lineOffset: How many lines of the file come before the YAML.
    /// - Returns: The table, or `nil` when the text holds no document.
    static func read(_ text: String, file: String, lineOffset: Int) throws(BuildFailure) -> FrontMatterTable? {
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
            throw BuildFailure(
                .error(
                    file, line: lineOffset + (root.mark?.line ?? 1),
                    "front matter must be a mapping of keys to values (`title: Hello`), not a \(kind(of: root))"))
        }
        return table(mapping, file: file, lineOffset: lineOffset)
    }

    private static func table(_ mapping: Node.Mapping, file: String, lineOffset: Int) -> FrontMatterTable {
        let entries = mapping.compactMap { key, value -> FrontMatterTable.Entry? in
            guard let name = key.string else { return nil }
            let line = lineOffset + (key.mark?.line ?? mapping.mark?.line ?? 1)
            return FrontMatterTable.Entry(
                key: name, value: self.value(value, file: file, lineOffset: lineOffset), line: line)
        }
        return FrontMatterTable(file: file, entries: entries, line: lineOffset + (mapping.mark?.line ?? 1))
    }

    private static func value(_ node: Node, file: String, lineOffset: Int) -> FrontMatterValue {
        switch node {
        case .scalar(let scalar):
            let isNull =
                scalar.tag.description == Tag.Name.null.rawValue
                || (scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string))
            return isNull ? .null : .scalar(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map { value($0, file: file, lineOffset: lineOffset) })
        case .mapping(let mapping):
            return .table(table(mapping, file: file, lineOffset: lineOffset))
        case .alias:
            return .null
        }
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
