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

    /// Splits `text` at front matter fenced by `---` lines (YAML; the closing line may be
    /// `...`) or `+++` lines (TOML). Blank lines before the opening fence are allowed, as Hugo
    /// and Zola allow them.
    /// - Throws: `BuildFailure` when the opening fence is never closed.
    static func split(_ text: String, file: String) throws(BuildFailure) -> Split {
        // Walks lines only as far as the closing fence: the body is never cut into lines.
        guard let opening = openingLine(of: text), let syntax = syntax(openedBy: opening.fence) else {
            return Split(block: nil, body: text, bodyLine: 1)
        }
        let closings: Set<Substring> = syntax == .yaml ? ["---", "..."] : ["+++"]
        guard
            let inside = opening.line.next,
            let closing = text.lines(from: inside, number: opening.line.number + 1).first(where: {
                closings.contains($0.text.trimmingTrailingSpaces())
            })
        else {
            throw BuildFailure(
                .error(
                    file, line: opening.line.number,
                    "the front matter that starts here is never closed; end it with a line holding only \(opening.fence)"
                ))
        }
        let block = inside == closing.start ? "" : String(text[inside..<text.utf8.index(before: closing.start)])
        return Split(
            block: FrontMatterBlock(syntax: syntax, text: block, firstLine: opening.line.number + 1),
            body: closing.next.map { String(text[$0...]) } ?? "",
            bodyLine: closing.number + 1
        )
    }

    /// Whether `text` opens with front matter: its first line that is not blank is a fence.
    static func opensWithFence(_ text: String) -> Bool {
        openingLine(of: text).flatMap { syntax(openedBy: $0.fence) } != nil
    }

    /// The first line of `text` that is not blank, and that line without trailing spaces.
    private static func openingLine(of text: String) -> (line: TextLine, fence: Substring)? {
        text.lines().first { !$0.text.trimmingWhitespace().isEmpty }.map { ($0, $0.text.trimmingTrailingSpaces()) }
    }

    /// The syntax a fence line (`---`, `+++`) opens.
    private static func syntax(openedBy fence: some StringProtocol) -> FrontMatterBlock.Syntax? {
        switch fence {
        case "---": .yaml
        case "+++": .toml
        default: nil
        }
    }
}
