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
    private let markdown = MarkdownRenderer()

    /// Renders one article.
    func render(_ article: Article) -> RenderedArticle {
        var article = article
        var warnings: [Diagnostic] = []
        if article.format != .plainText, let shortcodes {
            (article.body, warnings) = shortcodes.expand(article)
        }
        switch article.format {
        case .markdown:
            let rewrite = { (destination: String) in links.resolve(destination, from: article.contentPath) }
            let rendered = markdown.render(article.body, rewriteURL: rewrite)
            let teaser = Self.moreMarker(in: article.body).map {
                markdown.render(String(article.body[..<$0.lowerBound])).plainText
            }
            return RenderedArticle(
                article: article,
                html: rendered.html,
                summary: Self.collapseWhitespace(article.summary ?? teaser ?? rendered.firstParagraph),
                wordCount: Self.countWords(rendered.plainText),
                headings: rendered.headings.map { RenderedArticle.Heading(level: $0.level, id: $0.id, text: $0.text) },
                image: article.image.map { links.resolve($0, from: article.contentPath) ?? $0 } ?? rendered.firstImage,
                warnings: warnings
            )
        case .plainText:
            let reading = PlainTextArticle.read(article.body)
            let text = reading.paragraphs.joined(separator: "\n")
            return RenderedArticle(
                article: article,
                html: PlainTextRenderer.html(reading.paragraphs),
                summary: article.summary ?? reading.paragraphs.first ?? "",
                wordCount: Self.countWords(text),
                headings: [],
                image: article.image
            )
        case .html:
            let html = HTMLFragment.rewritingURLs(in: article.body) {
                links.resolve($0, from: article.contentPath) ?? $0
            }
            // libxml2 reads the text as a browser would, every entity decoded.
            let document = XMLDocument.parseHTML(html).document
            let text = document?.rootElement?.text ?? ""
            let firstParagraph = document?.select("(//p)[1]").first?.value
            return RenderedArticle(
                article: article,
                html: html,
                summary: Self.collapseWhitespace(article.summary ?? firstParagraph ?? ""),
                wordCount: Self.countWords(text),
                headings: [],
                image: article.image.map { links.resolve($0, from: article.contentPath) ?? $0 },
                warnings: warnings
            )
        }
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

    /// Words separated by white space; each CJK character counts as a word.
    static func countWords(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                count += 1
                inWord = false
            } else if isSpace(scalar) {
                inWord = false
            } else if !inWord {
                count += 1
                inWord = true
            }
        }
        return count
    }

    /// Whether `scalar` is white space, without looking up Unicode properties for ASCII.
    /// (Other ASCII control characters never get this far: XML forbids them.)
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? UInt8(scalar.value).isASCIIWhitespace : scalar.properties.isWhitespace
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
            true
        default: false
        }
    }

    /// The text with runs of white space made one space, and none at either end; by Unicode
    /// scalar, which is much faster than by character.
    private static func collapseWhitespace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }
}
