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
    public var summary: String { details.summary }
    /// How many words the body has (CJK characters count one each).
    public var wordCount: Int { storage.fields.wordCount }
    /// The body's headings, for a table of contents.
    public var headings: [Heading] { details.headings }
    /// The image for social cards: the front matter's `image`, else the body's first image.
    public var image: String? { storage.fields.image }
    /// What rendering noticed, such as another generator's syntax it left as written.
    public var warnings: [Diagnostic] { storage.fields.details.counts?.warnings == 0 ? [] : details.warnings }
    /// Problems in markup the author wrote into the body (raw HTML), located on the lines of
    /// the source file; the build reports them as strictly as `validation.html` says.
    public var markupProblems: [Diagnostic] {
        storage.fields.details.counts?.markupProblems == 0 ? [] : details.markupProblems
    }
    /// The line of the source file each link and image of the body was written on, by the URL
    /// the HTML holds, so a broken link is reported where the author can fix it.
    public var linkLines: [String: Int] { linkLineTable.lines }
    /// `linkLines` without the rest of the rendering, read when first asked for.
    public var linkLineTable: LinkLineTable { LinkLineTable(details: storage.fields.details) }
    /// What rendering looked up in the site's table of links: the rendering holds while each
    /// lookup gets the same answer.
    public var linkLookups: LinkLookups { details.linkLookups }
    /// The digest of `linkLookups` (`LinkLookups.digest`), known without reading them.
    public var linkLookupsDigest: ContentDigest? {
        switch storage.fields.details {
        case .made(let details): details.linkLookups.digest
        case .deferred(let deferred): deferred.linkLookupsDigest
        }
    }

    private var details: Details { storage.fields.details.value }

    private let storage: SharedFields<Fields>

    private struct Fields: Hashable {
        let article: Article
        let html: DeferredText
        let wordCount: Int
        let image: String?
        let details: DetailsStorage
    }

    /// What rendering found besides the HTML, the word count and the image.
    public struct Details: Sendable, Hashable {
        /// `RenderedArticle.summary`.
        public let summary: String
        /// `RenderedArticle.headings`.
        public let headings: [Heading]
        /// `RenderedArticle.warnings`.
        public let warnings: [Diagnostic]
        /// `RenderedArticle.markupProblems`.
        public let markupProblems: [Diagnostic]
        /// `RenderedArticle.linkLines`.
        public let linkLines: [String: Int]
        /// `RenderedArticle.linkLookups`.
        public let linkLookups: LinkLookups

        /// Details of a rendering.
        public init(
            summary: String, headings: [Heading], warnings: [Diagnostic], markupProblems: [Diagnostic],
            linkLines: [String: Int], linkLookups: LinkLookups
        ) {
            self.summary = summary
            self.headings = headings
            self.warnings = warnings
            self.markupProblems = markupProblems
            self.linkLines = linkLines
            self.linkLookups = linkLookups
        }
    }

    /// The link lines of a rendering (`linkLines`) without its HTML or its article: what a
    /// build keeps of each article to report broken links on their lines.
    public struct LinkLineTable: Sendable {
        fileprivate let details: DetailsStorage

        /// The lines, by URL.
        public var lines: [String: Int] { details.counts?.linkLines == 0 ? [:] : details.value.linkLines }

        /// Whether there are any, known without reading them.
        public var isEmpty: Bool {
            switch details {
            case .made(let made): made.linkLines.isEmpty
            case .deferred(let deferred): deferred.counts.linkLines == 0
            }
        }

        /// The lines' digest (`RenderedArticle.linesDigest(of:)`), known without reading them.
        public var digest: ContentDigest? {
            switch details {
            case .made(let made): RenderedArticle.linesDigest(of: made.linkLines)
            case .deferred(let deferred): deferred.linkLinesDigest
            }
        }
    }

    /// The digest of link lines, in their URLs' order; `nil` for none.
    public static func linesDigest(of lines: [String: Int]) -> ContentDigest? {
        guard !lines.isEmpty else { return nil }
        var hasher = ContentHasher()
        for (url, line) in lines.sorted(by: { $0.key < $1.key }) {
            hasher.combine(url)
            hasher.combine(line)
        }
        return hasher.finalize()
    }

    /// The details of a rendering, made when first read: a rendering restored from the build
    /// cache keeps them there, as most rebuilds make few pages and read few articles' details.
    /// What every build reads of each article (which lists are empty, the lookups' digest) is
    /// known without making them.
    public final class DeferredDetails: Sendable {
        /// How many warnings, markup problems and link lines the details hold.
        let counts: (warnings: Int, markupProblems: Int, linkLines: Int)
        let linkLookupsDigest: ContentDigest?
        let linkLinesDigest: ContentDigest?
        private let made: FirstUse<Details>

        /// - Parameters:
        ///   - counts: How many warnings, markup problems and link lines `make` makes.
        ///   - linkLookupsDigest: The digest of the lookups `make` makes.
        ///   - linkLinesDigest: The digest of the link lines `make` makes.
        ///   - make: Makes the details; called at most once.
        public init(
            counts: (warnings: Int, markupProblems: Int, linkLines: Int), linkLookupsDigest: ContentDigest?,
            linkLinesDigest: ContentDigest?, make: @escaping @Sendable () -> Details
        ) {
            self.counts = counts
            self.linkLookupsDigest = linkLookupsDigest
            self.linkLinesDigest = linkLinesDigest
            made = FirstUse(make)
        }

        var details: Details { made.value }
    }

    /// Details made, or to be made when first read; alike to reflection either way, so whole
    /// values are digested alike (`ContentDigest(of:)`).
    fileprivate enum DetailsStorage: Sendable, Hashable, CustomReflectable {
        case made(Details)
        case deferred(DeferredDetails)

        var value: Details {
            switch self {
            case .made(let details): details
            case .deferred(let deferred): deferred.details
            }
        }

        /// How many warnings, markup problems and link lines deferred details hold, known
        /// without making them; `nil` for details made.
        var counts: (warnings: Int, markupProblems: Int, linkLines: Int)? {
            if case .deferred(let deferred) = self { deferred.counts } else { nil }
        }

        static func == (left: DetailsStorage, right: DetailsStorage) -> Bool { left.value == right.value }

        var customMirror: Mirror { Mirror(self, children: ["details": value]) }

        func hash(into hasher: inout Hasher) { hasher.combine(value) }
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
        let details = Details(
            summary: summary, headings: headings, warnings: warnings, markupProblems: markupProblems,
            linkLines: linkLines, linkLookups: linkLookups)
        storage = SharedFields(
            Fields(article: article, html: html, wordCount: wordCount, image: image, details: .made(details)))
    }

    /// Creates a rendered article whose HTML and details may be read later.
    public init(article: Article, html: DeferredText, wordCount: Int, image: String?, details: DeferredDetails) {
        storage = SharedFields(
            Fields(article: article, html: html, wordCount: wordCount, image: image, details: .deferred(details)))
    }

    private init(article: Article, fields: Fields) {
        storage = SharedFields(
            Fields(
                article: article, html: fields.html, wordCount: fields.wordCount, image: fields.image,
                details: fields.details))
    }

    /// The same rendering without the article's source text, which nothing needs once it is
    /// rendered: holding it for every article would keep the whole site's sources in memory.
    public func droppingSource() -> RenderedArticle {
        article.body.isEmpty ? self : RenderedArticle(article: article.withBody(""), fields: storage.fields)
    }

    /// The same rendering, made with the lookups `linkLookups`.
    public func with(linkLookups: LinkLookups) -> RenderedArticle {
        RenderedArticle(
            article: article, html: deferredHTML, summary: summary, wordCount: wordCount, headings: headings,
            image: image, warnings: warnings, markupProblems: markupProblems, linkLines: linkLines,
            linkLookups: linkLookups)
    }

    /// Minutes a reader needs at 220 words a minute, at least one.
    public var readingMinutes: Int { max(1, (wordCount + 219) / 220) }
}
