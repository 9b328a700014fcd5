public import GazetteCore

/// An article with its body rendered to HTML.
///
/// A value, held in one shared box: builds pass every article through several arrays and
/// views, and copying one is then a single reference count instead of one per field.
public struct RenderedArticle: Sendable, Hashable {
    /// The article's metadata and source.
    public var article: Article { storage.fields.article }
    /// The body as HTML. Links to other articles and to files in `content/` point at their
    /// published URLs, as site-root-relative paths.
    public var html: String { storage.fields.html.text }
    /// The body as HTML, not made until read when the article was restored from a build cache.
    public var deferredHTML: DeferredText { storage.fields.html }
    /// The length of `html` in bytes of UTF-8, known without reading it.
    public var htmlByteCount: Int { storage.fields.html.utf8Count }
    /// A plain-text summary: the front matter's, else the text before `<!--more-->`, else the
    /// first paragraph.
    public var summary: String { storage.fields.summary }
    /// How many words the body has (CJK characters count one each).
    public var wordCount: Int { storage.fields.wordCount }
    /// The body's headings, for a table of contents.
    public var headings: [Heading] { storage.fields.headings }
    /// The image for social cards: the front matter's `image`, else the body's first image.
    public var image: String? { storage.fields.image }
    /// What rendering noticed, such as another generator's syntax it left as written.
    public var warnings: [Diagnostic] { storage.fields.warnings }
    /// Problems in markup the author wrote into the body (raw HTML), located on the lines of
    /// the source file; the build reports them as strictly as `validation.html` says.
    public var markupProblems: [Diagnostic] { storage.fields.markupProblems }
    /// The line of the source file each link and image of the body was written on, by the URL
    /// the HTML holds, so a broken link is reported where the author can fix it.
    public var linkLines: [String: Int] { storage.fields.linkLines }
    /// What rendering looked up in the site's table of links: the rendering holds while each
    /// lookup gets the same answer.
    public var linkLookups: LinkLookups { storage.fields.linkLookups }

    private let storage: SharedFields<Fields>

    private struct Fields: Hashable {
        let article: Article
        let html: DeferredText
        let summary: String
        let wordCount: Int
        let headings: [Heading]
        let image: String?
        let warnings: [Diagnostic]
        let markupProblems: [Diagnostic]
        let linkLines: [String: Int]
        let linkLookups: LinkLookups
    }

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

    /// Creates a rendered article.
    public init(
        article: Article, html: String, summary: String, wordCount: Int, headings: [Heading], image: String?,
        warnings: [Diagnostic] = [], markupProblems: [Diagnostic] = [], linkLines: [String: Int] = [:],
        linkLookups: LinkLookups = LinkLookups()
    ) {
        self.init(
            article: article, html: DeferredText(html), summary: summary, wordCount: wordCount, headings: headings,
            image: image, warnings: warnings, markupProblems: markupProblems, linkLines: linkLines,
            linkLookups: linkLookups)
    }

    /// Creates a rendered article whose HTML may be read later.
    public init(
        article: Article, html: DeferredText, summary: String, wordCount: Int, headings: [Heading], image: String?,
        warnings: [Diagnostic] = [], markupProblems: [Diagnostic] = [], linkLines: [String: Int] = [:],
        linkLookups: LinkLookups = LinkLookups()
    ) {
        storage = SharedFields(
            Fields(
                article: article, html: html, summary: summary, wordCount: wordCount, headings: headings,
                image: image, warnings: warnings, markupProblems: markupProblems, linkLines: linkLines,
                linkLookups: linkLookups))
    }

    /// The same rendering without the article's source text, which nothing needs once it is
    /// rendered: holding it for every article would keep the whole site's sources in memory.
    public func droppingSource() -> RenderedArticle {
        with(article: article.withBody(""), linkLookups: linkLookups)
    }

    /// The same rendering, made with the lookups `linkLookups`.
    public func with(linkLookups: LinkLookups) -> RenderedArticle {
        with(article: article, linkLookups: linkLookups)
    }

    private func with(article: Article, linkLookups: LinkLookups) -> RenderedArticle {
        RenderedArticle(
            article: article, html: deferredHTML, summary: summary, wordCount: wordCount, headings: headings,
            image: image, warnings: warnings, markupProblems: markupProblems, linkLines: linkLines,
            linkLookups: linkLookups)
    }

    /// Minutes a reader needs at 220 words a minute, at least one.
    public var readingMinutes: Int { max(1, (wordCount + 219) / 220) }
}
