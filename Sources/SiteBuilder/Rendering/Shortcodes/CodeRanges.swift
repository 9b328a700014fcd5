/// Where a Markdown body holds code — fenced blocks and code spans — which Hugo and Zola
/// shortcodes do not run in.
struct CodeRanges {
    private var ranges: [Range<String.Index>] = []

    /// Finds the code in `text`.
    init(_ text: String) {
        var fence: (character: Character, length: Int, start: String.Index)?
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            if let open = fence {
                let run = trimmed.prefix { $0 == open.character }.count
                if indent <= 3, run >= open.length, trimmed.dropFirst(run).allSatisfy(\.isWhitespace) {
                    ranges.append(open.start..<lineEnd)
                    fence = nil
                }
            } else if indent <= 3, let first = trimmed.first, first == "`" || first == "~" {
                let run = trimmed.prefix { $0 == first }.count
                if run >= 3 {
                    fence = (first, run, lineStart)
                } else {
                    ranges += Self.spans(in: line)
                }
            } else {
                ranges += Self.spans(in: line)
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        if let open = fence { ranges.append(open.start..<text.endIndex) }
    }

    /// Whether a position lies in code.
    func contains(_ index: String.Index) -> Bool {
        ranges.contains { $0.contains(index) }
    }

    /// Code spans on one line: a run of backticks up to the next run of the same length.
    private static func spans(in line: Substring) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var index = line.startIndex
        while let open = line[index...].firstIndex(of: "`") {
            let length = line[open...].prefix { $0 == "`" }.count
            var search = line.index(open, offsetBy: length)
            var closed = false
            while let next = line[search...].firstIndex(of: "`") {
                let run = line[next...].prefix { $0 == "`" }.count
                let end = line.index(next, offsetBy: run)
                if run == length {
                    found.append(open..<end)
                    index = end
                    closed = true
                    break
                }
                search = end
            }
            if !closed { index = line.index(open, offsetBy: length) }
        }
        return found
    }
}
