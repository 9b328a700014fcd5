public import GazetteCore
public import SiteModel

/// Values for tests that exercise one stage without a disk.
public enum Samples {
    /// A site configuration with a real base URL.
    public static func config(title: String = "Sample", baseURL: String = "https://example.org/") -> SiteConfig {
        var config = SiteConfig(title: title)
        config.baseURL = baseURL
        config.baseURLIsPlaceholder = false
        return config
    }

    /// A Markdown article in `section` (empty for the top of `content/`), named after its slug.
    public static func article(
        _ slug: String,
        section: String = "posts",
        title: String? = nil,
        date: Timestamp = Timestamp(year: 2024, month: 3, day: 1),
        tags: [String] = [],
        body: String = "Text.\n"
    ) -> Article {
        let contentPath = (section.isEmpty ? "" : section + "/") + slug + ".md"
        return Article(
            sourcePath: "content/" + contentPath,
            contentPath: contentPath,
            format: .markdown,
            title: title ?? slug,
            date: date,
            tags: tags,
            slug: slug,
            section: section,
            body: body
        )
    }

    /// An article as rendered, with its body as a paragraph.
    public static func rendered(_ article: Article) -> RenderedArticle {
        RenderedArticle(
            article: article, html: "<p>\(article.body)</p>", summary: article.body, wordCount: 1, headings: [],
            image: nil)
    }
}
