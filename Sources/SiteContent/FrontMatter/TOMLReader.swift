import GazetteCore
import SiteModel
import TOMLKit

/// Reads TOML (Zola and Hugo front matter between `+++` lines, Hugo's and Zola's
/// configuration files) with TOMLKit into a `FrontMatterTable`.
///
/// TOMLKit does not say where a key stands, so key lines are found in the text: a key's line
/// is the line that assigns it under the nearest table header.
enum TOMLReader {
    /// Parses TOML text.
    /// - Parameters:
    ///   - text: The TOML.
    ///   - file: The file it came from.
    ///   - lineOffset: How many lines of the file come before the TOML.
    /// - Returns: The table, or `nil` when the text holds no key.
    static func read(_ text: String, file: String, lineOffset: Int) throws(BuildFailure) -> FrontMatterTable? {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw BuildFailure(
                .error(
                    file, line: lineOffset + error.source.begin.line, column: error.source.begin.column,
                    "invalid TOML: \(error.description)"))
        } catch {
            throw BuildFailure(.error(file, line: lineOffset + 1, "invalid TOML: \(error)"))
        }
        guard !root.isEmpty else { return nil }
        let lines = keyLines(in: text)
        return table(root, path: "", lines: lines, file: file, lineOffset: lineOffset)
    }

    private static func table(
        _ table: TOMLTable, path: String, lines: [String: Int], file: String, lineOffset: Int
    ) -> FrontMatterTable {
        let own = lineOffset + (lines[path] ?? 1)
        let entries = orderedKeys(of: table, path: path, lines: lines).compactMap { key -> FrontMatterTable.Entry? in
            guard let value = table[key] else { return nil }
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            return FrontMatterTable.Entry(
                key: key, value: self.value(value, path: keyPath, lines: lines, file: file, lineOffset: lineOffset),
                line: lines[keyPath].map { lineOffset + $0 } ?? own)
        }
        return FrontMatterTable(file: file, entries: entries, line: own)
    }

    /// The table's keys in the order the text assigns them; keys not found in the text last.
    private static func orderedKeys(of table: TOMLTable, path: String, lines: [String: Int]) -> [String] {
        table.keys.sorted { lhs, rhs in
            let left = lines[path.isEmpty ? lhs : "\(path).\(lhs)"] ?? Int.max
            let right = lines[path.isEmpty ? rhs : "\(path).\(rhs)"] ?? Int.max
            return left != right ? left < right : lhs < rhs
        }
    }

    private static func value(
        _ value: any TOMLValueConvertible, path: String, lines: [String: Int], file: String, lineOffset: Int
    ) -> FrontMatterValue {
        switch value.type {
        case .string: return .scalar(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .number(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .date:
            guard let date = value.date else { return .null }
            return .date(dateText(date))
        case .dateTime:
            guard let dateTime = value.dateTime else { return .null }
            var text = dateText(dateTime.date) + "T" + timeText(dateTime.time)
            if let offset = dateTime.offset?.offset {
                let minutes = abs(offset)
                text += offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + pad(minutes / 60) + ":" + pad(minutes % 60)
            }
            return .date(text)
        case .time:
            guard let time = value.time else { return .null }
            return .scalar(timeText(time))
        case .array:
            guard let array = value.array else { return .null }
            return .list(array.map { self.value($0, path: path, lines: lines, file: file, lineOffset: lineOffset) })
        case .table:
            guard let nested = value.table else { return .null }
            return .table(self.table(nested, path: path, lines: lines, file: file, lineOffset: lineOffset))
        }
    }

    private static func dateText(_ date: TOMLDate) -> String {
        "\(fourDigits(date.year))-\(pad(date.month))-\(pad(date.day))"
    }

    /// A year with at least four digits.
    private static func fourDigits(_ year: Int) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func timeText(_ time: TOMLTime) -> String {
        var text = "\(pad(time.hour)):\(pad(time.minute)):\(pad(time.second))"
        if time.nanoSecond > 0 {
            var fraction = String(time.nanoSecond)
            fraction = String(repeating: "0", count: max(0, 9 - fraction.count)) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    /// The line of every key (`title`, `taxonomies.tags`) and table header (`taxonomies`),
    /// relative to the text.
    static func keyLines(in text: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: "[]").trimmingWhitespace()
                table = name.split(separator: ".").map { $0.trimmingWhitespace().trimmingCharacters(in: "\"'") }
                    .joined(separator: ".")
                if lines[table] == nil { lines[table] = index + 1 }
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = line[..<equals].trimmingWhitespace().trimmingCharacters(in: "\"'")
            guard !key.isEmpty else { continue }
            let path = table.isEmpty ? key : "\(table).\(key)"
            if lines[path] == nil { lines[path] = index + 1 }
        }
        return lines
    }
}
