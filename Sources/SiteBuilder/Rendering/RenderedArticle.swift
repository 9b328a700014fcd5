public import MarkdownKit

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
    /// The image for social cards: the front matter's `image`, else the body's first image.
    public let image: String?

    /// Minutes a reader needs at 220 words a minute, at least one.
    public var readingMinutes: Int { max(1, (wordCount + 219) / 220) }
}
