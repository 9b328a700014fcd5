import GazetteCore
import MarkdownKit
import SiteContent
import SiteModel
import XMLKit

/// Renders article bodies to HTML. Holds no state, so it renders on many threads at once.
struct ArticleRenderer: Sendable {
    /// Where links in bodies point.
    let links: LinkResolver
    /// Expands other generators' shortcodes and Liquid tags; `nil` leaves bodies as written.
    var shortcodes: ShortcodeExpander?
    private let markdown: MarkdownRenderer

    /// - Parameter smartPunctuation: Whether Markdown gets typographic quotes and dashes.
    init(links: LinkResolver, shortcodes: ShortcodeExpander? = nil, smartPunctuation: Bool = true) {
        self.links = links
        self.shortcodes = shortcodes
        markdown = MarkdownRenderer(smartPunctuation: smartPunctuation)
    }

    /// Renders one article, with what it looked up in the link table, its shortcodes' lookups
    /// included (`RenderedArticle.linkLookups`).
    func render(_ article: Article) -> RenderedArticle {
        let recorder = LinkLookupRecorder()
        let rendered = LinkLookupRecorder.$current.withValue(recorder) { renderRecorded(article) }
        return rendered.with(linkLookups: recorder.lookups)
    }

    private func renderRecorded(_ article: Article) -> RenderedArticle {
        var article = article
        var warnings: [Diagnostic] = []
        if article.format != .plainText, let shortcodes {
            let expanded: String
            (expanded, warnings) = shortcodes.expand(article)
            article = article.withBody(expanded)
        }
        switch article.format {
        case .markdown:
            var destinations: [(shown: String, written: String)] = []
            let rewrite = { (destination: String) in
                let resolved = links.resolve(destination, from: article.contentPath)
                destinations.append((resolved ?? destination, destination))
                return resolved
            }
            let rendered = markdown.render(article.body, rewriteURL: rewrite)
            let teaser = Self.moreMarker(in: article.body).map {
                markdown.plainText(String(article.body[..<$0.lowerBound]))
            }
            // Markup cmark-gfm writes is valid; what the author wrote (raw HTML, shortcodes'
            // output) is checked here, where its lines are known. Lines are mapped, by
            // rendering once more, only when there is a problem to place.
            var mapped: RenderedMarkdown?
            let problems =
                rendered.hasRawHTML
                ? Self.markupProblems(in: rendered.html, of: article) { line in
                    if mapped == nil { mapped = markdown.render(article.body, rewriteURL: rewrite, mappingLines: true) }
                    return mapped?.sourceLine(ofHTMLLine: line) ?? 1
                } : []
            return RenderedArticle(
                article: article,
                html: rendered.html,
                summary: Self.collapseWhitespace(article.summary ?? teaser ?? rendered.firstParagraph),
                wordCount: rendered.wordCount,
                headings: rendered.headings.map { RenderedArticle.Heading(level: $0.level, id: $0.id, text: $0.text) },
                image: article.image.map { links.resolve($0, from: article.contentPath) ?? $0 } ?? rendered.firstImage,
                warnings: warnings,
                markupProblems: problems,
                linkLines: Self.lines(of: destinations, in: article)
            )
        case .plainText:
            let reading = PlainTextArticle.read(article.body)
            let text = reading.paragraphs.joined(separator: "\n")
            return RenderedArticle(
                article: article,
                html: PlainTextRenderer.html(reading.paragraphs),
                summary: article.summary ?? reading.paragraphs.first ?? "",
                wordCount: WordCounter.count(in: text),
                headings: [],
                image: article.image
            )
        case .html:
            var destinations: [(shown: String, written: String)] = []
            let html = HTMLFragment.rewritingURLs(in: article.body) {
                let shown = links.resolve($0, from: article.contentPath) ?? $0
                destinations.append((shown, $0))
                return shown
            }
            // libxml2 reads the text as a browser would, every entity decoded.
            let document = XMLDocument.parseHTML(html).document
            let text = document?.rootElement?.text ?? ""
            let firstParagraph = document?.select("(//p)[1]").first?.value
            return RenderedArticle(
                article: article,
                html: html,
                summary: Self.collapseWhitespace(article.summary ?? firstParagraph ?? ""),
                wordCount: WordCounter.count(in: text),
                headings: [],
                image: article.image.map { links.resolve($0, from: article.contentPath) ?? $0 },
                warnings: warnings,
                markupProblems: Self.markupProblems(in: html, of: article) { $0 },
                linkLines: Self.lines(of: destinations, in: article)
            )
        }
    }

    /// The line of the article's source file on which each destination was written, by the URL
    /// the HTML shows for it: the first line of the body holding the destination as written.
    private static func lines(of destinations: [(shown: String, written: String)], in article: Article) -> [String: Int]
    {
        guard !destinations.isEmpty else { return [:] }
        let body = LineSearch(article.body)
        var lines: [String: Int] = [:]
        for (shown, written) in destinations where lines[shown] == nil && !written.isEmpty {
            if let index = body.lineIndex(ofFirst: written) {
                lines[shown] = article.bodyLine + index
            }
        }
        return lines
    }

    /// The lines before an article's HTML when it is checked on its own as a page.
    private static let fragmentPrefix =
        "<!DOCTYPE html><html lang=\"en\"><head><title>article</title></head><body>\n"

    /// Problems in the markup of `html`, an article's body, located in the article's source.
    /// - Parameter bodyLine: The line of the body (1 for its first) that a line of `html`
    ///   came from; called only when there are problems.
    private static func markupProblems(
        in html: String, of article: Article, bodyLine: (Int) -> Int
    ) -> [Diagnostic] {
        let problems = HTMLInspector.inspect(fragmentPrefix + html + "\n</body></html>", name: article.sourcePath)
            .diagnostics
        // The fragment's line n is line n - 1 of `html`.
        func sourceLine(_ line: Int) -> Int { article.bodyLine + bodyLine(max(1, line - 1)) - 1 }
        return problems.map { problem in
            var located = problem
            located.line = sourceLine(problem.line)
            located.column = 0
            located.message = renumberingLines(in: problem.message, sourceLine)
            return located
        }
    }

    /// `message` with each line it names ("opened on line 7") passed through `map`.
    private static func renumberingLines(in message: String, _ map: (Int) -> Int) -> String {
        var result = ""
        var rest = message[...]
        while let found = rest.firstRange(of: "line ") {
            result += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits) {
                result += String(map(number))
                rest = rest.dropFirst(digits.count)
            }
        }
        return result + rest
    }

    /// Where a Markdown article's summary ends, as Hugo and Jekyll writers mark it
    /// (`<!--more-->`) and as Zola writers do (`<!-- more -->`).
    static func moreMarker(in body: String) -> Range<String.Index>? {
        var searchStart = body.startIndex
        while let open = body[searchStart...].firstByteRange(of: "<!--") {
            guard let close = body[open.upperBound...].firstByteRange(of: "-->") else { return nil }
            if body[open.upperBound..<close.lowerBound].trimmingWhitespace().lowercased() == "more" {
                return open.lowerBound..<close.upperBound
            }
            searchStart = close.upperBound
        }
        return nil
    }

    /// The text with runs of white space made one space, and none at either end; runs of
    /// other scalars are copied as the bytes they are.
    private static func collapseWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { result in
                var count = 0
                var start = 0
                var pendingSpace = false
                bytes.forEachScalar { scalar, end in
                    defer { start = end }
                    guard !scalar.isWhitespace else {
                        pendingSpace = count > 0
                        return
                    }
                    if pendingSpace {
                        result[count] = UInt8(ascii: " ")
                        count += 1
                        pendingSpace = false
                    }
                    for offset in start..<end {
                        result[count] = bytes[offset]
                        count += 1
                    }
                }
                return count
            }
        }
    }
}
