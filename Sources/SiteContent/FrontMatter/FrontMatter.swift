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
        guard let (fence, number, inside) = openingFence(of: text), let syntax = syntax(openedBy: fence) else {
            return Split(block: nil, body: text, bodyLine: 1)
        }
        let closings: Set<Substring> = syntax == .yaml ? ["---", "..."] : ["+++"]
        var cursor = inside
        var closingNumber = number
        while let start = cursor {
            let (line, next) = text.line(from: start)
            closingNumber += 1
            cursor = next
            guard closings.contains(line.trimmingTrailingSpaces()) else { continue }
            let block = inside.map { $0 == start ? "" : String(text[$0..<text.utf8.index(before: start)]) } ?? ""
            return Split(
                block: FrontMatterBlock(syntax: syntax, text: block, firstLine: number + 1),
                body: next.map { String(text[$0...]) } ?? "",
                bodyLine: closingNumber + 1
            )
        }
        throw BuildFailure(
            .error(
                file, line: number,
                "the front matter that starts here is never closed; end it with a line holding only \(fence)"))
    }

    /// Whether `text` opens with front matter: its first line that is not blank is a fence.
    static func opensWithFence(_ text: String) -> Bool {
        openingFence(of: text).flatMap { syntax(openedBy: $0.fence) } != nil
    }

    /// The first line of `text` that is not blank, without trailing spaces, its 1-based number,
    /// and where the line after it starts.
    private static func openingFence(of text: String) -> (fence: Substring, number: Int, next: String.Index?)? {
        var cursor: String.Index? = text.startIndex
        var number = 0
        while let start = cursor {
            let (line, next) = text.line(from: start)
            number += 1
            cursor = next
            if !line.trimmingWhitespace().isEmpty { return (line.trimmingTrailingSpaces(), number, next) }
        }
        return nil
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
