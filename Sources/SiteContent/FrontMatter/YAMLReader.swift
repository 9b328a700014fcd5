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
        if let match = aliasUsedAsKey(in: text) {
            let line = text[..<match.lowerBound].count { $0 == "\n" } + 1
            throw BuildFailure(
                .error(
                    file, line: lineOffset + line,
                    "a YAML alias (`*name`) is used as a key; aliases may only stand for values"))
        }
        let root: Node?
        do {
            // The encoding is named: Yams's default reads the whole process environment to
            // decide it, a sixth of the time spent reading an article. And plain values are not
            // typed by the default resolver's regular expressions (run on every key, to tell
            // duplicates apart, a tenth of reading): values are read as text here, and null
            // is told by its spelling (`value(_:)`); the same key written plain and quoted
            // (`1:` and `"1":`) is then a duplicate, as it is to a front matter reader.
            root = try Yams.compose(yaml: text, Resolver.basic, .default, .utf8)
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
                    "\(file.hasPrefix("content/") ? "front matter" : "the settings") must be a mapping of keys to values (`title: Hello`), not a \(kind(of: root))"
                ))
        }
        var budget = Budget()
        return try table(mapping, file: file, lineOffset: lineOffset, budget: &budget)
    }

    /// A YAML alias (`*name`; libyaml's anchor names are letters, digits, `-` and `_`) in the
    /// place of a key. Keys that are aliases of large values make composing take exponential
    /// time, so they are refused before Yams sees the text.
    /// Only an alias of an anchor the text defines counts, and quoted strings are blanked out
    /// first (keeping their length), so that prose (`"see *note: below"`) is not taken for one.
    private static func aliasUsedAsKey(in yaml: String) -> Range<String.Index>? {
        // An anchor (`&`) and an alias (`*`) are both needed; most front matter has neither.
        guard yaml.utf8.contains(UInt8(ascii: "&")), yaml.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var text = yaml
        var blanks: [Range<String.Index>] = yaml.matches(of: /"(?:[^"\\\n]|\\.)*"/).map(\.range)
        blanks += yaml.matches(of: /(?m)(?:^|[:\-]\s|[\[{,]|,\s)\s*('(?:[^'\n]|'')*')/).map {
            $0.output.1.startIndex..<$0.output.1.endIndex
        }
        var separate: [Range<String.Index>] = []
        for range in blanks.sorted(by: { $0.lowerBound < $1.lowerBound })
        where separate.last.map({ $0.upperBound <= range.lowerBound }) ?? true {
            separate.append(range)
        }
        for range in separate.reversed() {
            text.replaceSubrange(range, with: String(repeating: "_", count: yaml[range].count))
        }
        let anchors = Set(text.matches(of: /&([0-9A-Za-z_-]+)/).map { String($0.output.1) })
        let keys = /(?m)(?:^|[\s,{\[?])\*([0-9A-Za-z_-]+)\s*:(?:\s|$|[,}\]])|\?\s*\*([0-9A-Za-z_-]+)/
        guard
            let match = text.matches(of: keys).first(where: {
                anchors.contains(String($0.output.1 ?? $0.output.2 ?? ""))
            })
        else { return nil }
        let start = text.distance(from: text.startIndex, to: match.range.lowerBound)
        let index = yaml.index(yaml.startIndex, offsetBy: start)
        return index..<index
    }

    /// How many values reading may make: aliases share one value among many places, so a
    /// few hundred bytes can stand for billions of values ("billion laughs").
    private struct Budget {
        static let limit = 100_000
        var used = 0

        mutating func spend(file: String, line: Int) throws(BuildFailure) {
            used += 1
            guard used <= Self.limit else {
                throw BuildFailure(
                    .error(
                        file, line: line,
                        "the YAML expands to more than \(Self.limit) values through aliases (`*name`); write the values out"
                    ))
            }
        }
    }

    private static func table(_ mapping: Node.Mapping, file: String, lineOffset: Int, budget: inout Budget)
        throws(BuildFailure) -> FrontMatterTable
    {
        var entries: [FrontMatterTable.Entry] = []
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let line = lineOffset + (key.mark?.line ?? mapping.mark?.line ?? 1)
            try budget.spend(file: file, line: line)
            entries.append(
                FrontMatterTable.Entry(
                    key: name, value: try self.value(value, file: file, lineOffset: lineOffset, budget: &budget),
                    line: line))
        }
        return FrontMatterTable(file: file, entries: entries, line: lineOffset + (mapping.mark?.line ?? 1))
    }

    private static func value(_ node: Node, file: String, lineOffset: Int, budget: inout Budget)
        throws(BuildFailure) -> FrontMatterValue
    {
        try budget.spend(file: file, line: lineOffset + (node.mark?.line ?? 1))
        switch node {
        case .scalar(let scalar):
            let isNull =
                scalar.tag.description == Tag.Name.null.rawValue
                || (scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string))
            return isNull ? .null : .scalar(scalar.string)
        case .sequence(let sequence):
            var values: [FrontMatterValue] = []
            for element in sequence {
                values.append(try value(element, file: file, lineOffset: lineOffset, budget: &budget))
            }
            return .list(values)
        case .mapping(let mapping):
            return .table(try table(mapping, file: file, lineOffset: lineOffset, budget: &budget))
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
