import Foundation
import SiteContent
public import SiteModel

/// What a build keeps to show an edited article's page at once, before the whole site is
/// built again: `serve` shows it within milliseconds of a save, then rebuilds the site.
///
/// The page is the one the next build makes of the article, whenever the edit leaves its
/// place in the site as it was: its address, date, tags and being published. An edit that
/// moves it (which changes its neighbours or related articles) gets no preview.
public struct ArticlePreview: Sendable {
    let options: BuildOptions
    /// What read the build's articles, with the commit dates it was given.
    let reader: ArticleReader
    let renderer: ArticleRenderer
    let pages: PageBuilder
    /// Each published article's index in the site, by source path (`content/posts/a.md`).
    let indices: [String: Int]

    init(options: BuildOptions, reader: ArticleReader, renderer: ArticleRenderer, pages: PageBuilder) {
        self.options = options
        self.reader = reader
        self.renderer = renderer
        self.pages = pages
        indices = Dictionary(
            pages.site.articles.enumerated().map { ($0.element.article.sourcePath, $0.offset) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The page of the article at `sourcePath` (relative to the site folder, as
    /// `content/posts/a.md`) as its file now reads.
    /// - Returns: `nil` when the file is not an article the build published, cannot be read, or
    ///   now reads with another address, date or tags, or unpublished.
    public func page(for sourcePath: String) -> OutputFile? {
        let prefix = SiteLayout.content + "/"
        guard let index = indices[sourcePath], sourcePath.hasPrefix(prefix) else { return nil }
        let old = pages.site.articles[index].article
        let contentFolder = options.siteFolder.appending(path: SiteLayout.content)
        guard
            let file = try? ContentScanner.read(
                String(sourcePath.dropFirst(prefix.count)), contentFolder: contentFolder),
            let (article, _) = try? reader.read(file),
            options.publishes(article), !article.isPage, article.path == old.path, article.date == old.date,
            article.tags == old.tags
        else { return nil }
        return try? pages.articlePage(at: index, showing: renderer.render(article).droppingSource())
    }
}
