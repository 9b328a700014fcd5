import GazetteCore
import SiteModel

/// Splits an article into its front matter block and its body.
enum FrontMatter {
    /// The front matter block, if any, and the body, with the body's first line number.
    struct Split: Sendable, Hashable {
        /// The block between the fences, or `nil` when the article has none.
        let block: FrontMatterBlock?
        /// Everything after the closing fence.
        let body: String
        /// The file line on which `body` starts.
        let bodyLine: Int
    }

    /// Splits `text` at front matter fenced by `---` lines (the closing line may be `...`).
    /// - Throws: `BuildFailure` when the opening fence is never closed.
    static func split(_ text: String, file: String) throws(BuildFailure) -> Split {
        guard text.hasPrefix("---\n") || text == "---" else {
            return Split(block: nil, body: text, bodyLine: 1)
        }
        // Walk line by line from the opening fence; the body is never split.
        var lineStart =
            text.utf8.index(text.utf8.startIndex, offsetBy: 4, limitedBy: text.utf8.endIndex) ?? text.utf8.endIndex
        var lineNumber = 2
        while lineStart < text.utf8.endIndex {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? text.utf8.endIndex
            let line = text[lineStart..<lineEnd].trimmingTrailingSpaces()
            if line == "---" || line == "..." {
                let inside = String(text[text.utf8.index(text.utf8.startIndex, offsetBy: 4)..<lineStart].dropLast())
                let bodyStart = lineEnd < text.utf8.endIndex ? text.utf8.index(after: lineEnd) : lineEnd
                return Split(
                    block: FrontMatterBlock(syntax: .yaml, text: inside, firstLine: 2),
                    body: String(text[bodyStart...]),
                    bodyLine: lineNumber + 1
                )
            }
            guard lineEnd < text.utf8.endIndex else { break }
            lineStart = text.utf8.index(after: lineEnd)
            lineNumber += 1
        }
        throw BuildFailure(
            .error(
                file, line: 1, "the front matter that starts here is never closed; end it with a line holding only ---")
        )
    }
}
