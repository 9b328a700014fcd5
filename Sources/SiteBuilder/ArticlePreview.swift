import Foundation
import SiteContent
public import SiteModel

/// What a build keeps to show an edited article's page at once, before the whole site is
/// built again: `serve` shows it within milliseconds of a save, then rebuilds the site.
///
/// The page is the one the next build makes of the article, whenever the edit leaves its
/// place in the site as it was: its address, date, tags and being published (for a
/// standalone page, its address and title, which the menu shows). An edit that moves it
/// (which changes its neighbours or related articles) gets no preview.
public struct ArticlePreview: Sendable {
    let options: BuildOptions
    /// What read the build's articles, with the commit dates it was given.
    let reader: ArticleReader
    let renderer: ArticleRenderer
    let pages: PageBuilder
    /// Each published article's index in the site's articles, by source path
    /// (`content/posts/a.md`).
    let articleIndices: [String: Int]
    /// Each standalone page's index in the site's pages, by source path.
    let pageIndices: [String: Int]

    init(options: BuildOptions, reader: ArticleReader, renderer: ArticleRenderer, pages: PageBuilder) {
        self.options = options
        self.reader = reader
        self.renderer = renderer
        self.pages = pages
        articleIndices = Self.indices(of: pages.site.articles)
        pageIndices = Self.indices(of: pages.site.pages)
    }

    /// The page of the article at `sourcePath` (relative to the site folder, as
    /// `content/posts/a.md`) as its file now reads.
    /// - Returns: `nil` when the file is not an article or standalone page the build
    ///   published, cannot be read, or now reads with another address, date or tags (a
    ///   standalone page: another address or title), or unpublished.
    public func page(for sourcePath: String) -> OutputFile? {
        if let index = articleIndices[sourcePath] {
            let old = pages.site.articles[index].article
            guard let article = read(sourcePath), !article.isPage, article.path == old.path, article.date == old.date,
                article.tags == old.tags
            else { return nil }
            return try? pages.articlePage(at: index, showing: renderer.render(article).droppingSource())
        }
        if let index = pageIndices[sourcePath] {
            let old = pages.site.pages[index].article
            guard let article = read(sourcePath), article.isPage, article.path == old.path, article.title == old.title
            else { return nil }
            return try? pages.standalonePage(renderer.render(article).droppingSource())
        }
        return nil
    }

    /// The article the file at `sourcePath` now holds, if it can be read and is published.
    private func read(_ sourcePath: String) -> Article? {
        let prefix = SiteLayout.content + "/"
        guard sourcePath.hasPrefix(prefix),
            let file = try? ContentScanner.read(
                String(sourcePath.dropFirst(prefix.count)),
                contentFolder: options.siteFolder.appending(path: SiteLayout.content)),
            let (article, _) = try? reader.read(file), options.publishes(article)
        else { return nil }
        return article
    }

    /// The index of each of `articles` by source path.
    private static func indices(of articles: [RenderedArticle]) -> [String: Int] {
        Dictionary(
            articles.enumerated().map { ($0.element.article.sourcePath, $0.offset) },
            uniquingKeysWith: { first, _ in first })
    }
}
