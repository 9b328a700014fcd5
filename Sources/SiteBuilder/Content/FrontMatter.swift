/// Splits an article into its YAML front matter and its body.
enum FrontMatter {
    /// The front matter's YAML and the body, with the body's first line number.
    struct Split: Sendable, Hashable {
        /// The YAML between the `---` lines, or `nil` when the article has none.
        let yaml: String?
        /// Everything after the closing `---` line.
        let body: String
        /// The file line on which `body` starts.
        let bodyLine: Int
    }

    /// Splits `text` at front matter fenced by `---` lines (the closing line may be `...`).
    /// - Throws: `BuildFailure` when the opening fence is never closed.
    static func split(_ text: String, file: String) throws(BuildFailure) -> Split {
        guard text.hasPrefix("---\n") || text == "---" else {
            return Split(yaml: nil, body: text, bodyLine: 1)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { $0.trimmingTrailingSpaces() == "---" || $0.trimmingTrailingSpaces() == "..." }) else {
            throw BuildFailure(.error(file, line: 1, "the front matter that starts here is never closed; end it with a line holding only ---"))
        }
        let yaml = lines[..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return Split(yaml: yaml, body: body, bodyLine: close + 3)
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var slice = self
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}
