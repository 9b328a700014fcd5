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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let opening = lines.firstIndex(where: { !$0.trimmingWhitespace().isEmpty }) else {
            return Split(block: nil, body: text, bodyLine: 1)
        }
        let fence = lines[opening].trimmingTrailingSpaces()
        guard let syntax = syntax(openedBy: fence) else { return Split(block: nil, body: text, bodyLine: 1) }
        let closings: Set<Substring> = syntax == .yaml ? ["---", "..."] : ["+++"]
        guard
            let closing = lines[(opening + 1)...].firstIndex(where: { closings.contains($0.trimmingTrailingSpaces()) })
        else {
            throw BuildFailure(
                .error(
                    file, line: opening + 1,
                    "the front matter that starts here is never closed; end it with a line holding only \(fence)"))
        }
        let inside = lines[(opening + 1)..<closing].joined(separator: "\n")
        return Split(
            block: FrontMatterBlock(syntax: syntax, text: inside, firstLine: opening + 2),
            body: lines[(closing + 1)...].joined(separator: "\n"),
            bodyLine: closing + 2
        )
    }

    /// Whether `text` opens with front matter: its first line that is not blank is a fence.
    static func opensWithFence(_ text: some StringProtocol) -> Bool {
        let firstLine = text.split(separator: "\n").first { !$0.trimmingWhitespace().isEmpty }
        return firstLine.flatMap { syntax(openedBy: $0.trimmingTrailingSpaces()) } != nil
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
