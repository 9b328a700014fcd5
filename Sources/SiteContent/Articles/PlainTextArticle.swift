import GazetteCore

/// Reads a plain-text article: one paragraph per line, no markup.
package enum PlainTextArticle {
    /// A title line is at most this long.
    package static let maximumTitleLineLength = 100

    /// What the text says once read.
    package struct Reading: Sendable, Hashable {
        /// The title the text gives, or `nil` when it starts straight with prose.
        package let titleLine: String?
        /// A headline made from the first sentence, for texts without a title line.
        package let derivedTitle: String
        /// The paragraphs, in order, without the title line.
        package let paragraphs: [String]
    }

    /// Reads the body of a plain-text article.
    ///
    /// The first line is a title when it is short and does not end like a sentence (with `.`,
    /// `!`, `?`, `…`, `:` or `;`); otherwise the title is a headline made from the first
    /// sentence (`Headline`).
    package static func read(_ body: String) -> Reading {
        var lines = body.split(separator: "\n").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        var titleLine: String?
        if let first = lines.first, first.count <= maximumTitleLineLength, !endsLikeSentence(first), lines.count > 1 {
            titleLine = first
            lines.removeFirst()
        }
        let derived = lines.first.map { Sentences.first(in: $0) } ?? ""
        return Reading(
            titleLine: titleLine,
            derivedTitle: derived.isEmpty ? "" : Headline.from(derived),
            paragraphs: lines
        )
    }

    private static func endsLikeSentence(_ line: String) -> Bool {
        var trimmed = Substring(line)
        while let last = trimmed.last, "\"'”’)»".contains(last) { trimmed.removeLast() }
        return trimmed.last.map { ".!?…:;".contains($0) } ?? false
    }
}
