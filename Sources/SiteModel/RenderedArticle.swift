public import GazetteCore

/// An article with its body rendered to HTML.
public struct RenderedArticle: Sendable, Hashable {
    /// The article's metadata and source.
    public let article: Article
    /// The body as HTML. Links to other articles and to files in `content/` point at their
    /// published URLs, as site-root-relative paths.
    public let html: String
    /// A plain-text summary: the front matter's, else the text before `<!--more-->`, else the
    /// first paragraph.
    public let summary: String
    /// How many words the body has (CJK characters count one each).
    public let wordCount: Int
    /// The body's headings, for a table of contents.
    public let headings: [Heading]

    /// A heading of the body.
    public struct Heading: Sendable, Hashable, Codable {
        /// 1 for `#`, 2 for `##`, …
        public let level: Int
        /// The `id` the heading was given.
        public let id: String
        /// Its text, without markup.
        public let text: String

        /// Creates a heading.
        public init(level: Int, id: String, text: String) {
            self.level = level
            self.id = id
            self.text = text
        }
    }
    /// The image for social cards: the front matter's `image`, else the body's first image.
    public let image: String?
    /// What rendering noticed, such as another generator's syntax it left as written.
    public let warnings: [Diagnostic]
    /// Problems in markup the author wrote into the body (raw HTML), located on the lines of
    /// the source file; the build reports them as strictly as `validation.html` says.
    public let markupProblems: [Diagnostic]
    /// The line of the source file each link and image of the body was written on, by the URL
    /// the HTML holds, so a broken link is reported where the author can fix it.
    public let linkLines: [String: Int]

    /// Creates a rendered article.
    public init(
        article: Article, html: String, summary: String, wordCount: Int, headings: [Heading], image: String?,
        warnings: [Diagnostic] = [], markupProblems: [Diagnostic] = [], linkLines: [String: Int] = [:]
    ) {
        self.article = article
        self.html = html
        self.summary = summary
        self.wordCount = wordCount
        self.headings = headings
        self.image = image
        self.warnings = warnings
        self.markupProblems = markupProblems
        self.linkLines = linkLines
    }

    /// The same rendering without the article's source text, which nothing needs once it is
    /// rendered: holding it for every article would keep the whole site's sources in memory.
    public func droppingSource() -> RenderedArticle {
        var source = article
        source.body = ""
        return RenderedArticle(
            article: source, html: html, summary: summary, wordCount: wordCount, headings: headings, image: image,
            warnings: warnings, markupProblems: markupProblems, linkLines: linkLines)
    }

    /// Minutes a reader needs at 220 words a minute, at least one.
    public var readingMinutes: Int { max(1, (wordCount + 219) / 220) }
}
