import MarkdownKit
import SiteContent
import SiteModel

/// Renders article bodies to HTML. Holds no state, so it renders on many threads at once.
struct ArticleRenderer: Sendable {
    /// Where links in bodies point.
    let links: LinkResolver
    private let markdown = MarkdownRenderer()

    /// Renders one article.
    func render(_ article: Article) -> RenderedArticle {
        switch article.format {
        case .markdown:
            let rewrite = { (destination: String) in links.resolve(destination, from: article.contentPath) }
            let rendered = markdown.render(article.body, rewriteURL: rewrite)
            let teaser = article.body.firstRange(of: Self.moreMarker).map {
                markdown.render(String(article.body[..<$0.lowerBound])).plainText
            }
            return RenderedArticle(
                article: article,
                html: rendered.html,
                summary: Self.collapseWhitespace(article.summary ?? teaser ?? rendered.firstParagraph),
                wordCount: Self.countWords(rendered.plainText),
                headings: rendered.headings.map { RenderedArticle.Heading(level: $0.level, id: $0.id, text: $0.text) },
                image: article.image.map { links.resolve($0, from: article.contentPath) ?? $0 } ?? rendered.firstImage
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
        }
    }

    /// Where a Markdown article's summary ends, as Hugo and Jekyll writers mark it.
    static let moreMarker = "<!--more-->"

    /// Words separated by white space; each CJK character counts as a word.
    static func countWords(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                count += 1
                inWord = false
            } else if scalar.value < 0x80 ? (scalar.value <= 0x20) : scalar.properties.isWhitespace {
                inWord = false
            } else if !inWord {
                count += 1
                inWord = true
            }
        }
        return count
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
            true
        default: false
        }
    }

    private static func collapseWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
