import SiteModel
import Syndication

/// Lists a site's pages for search engines.
enum SitemapBuilder {
    /// The sitemap of every HTML page but the 404 page; articles carry their last change,
    /// other pages the newest article's.
    static func sitemap(for site: Site, pages: [OutputFile]) -> String {
        let config = site.config
        let lastModifiedBySource = Dictionary(site.articles.map { ($0.article.sourcePath, $0.article.lastModified) }) {
            first, _ in first
        }
        let newest = site.articles.map(\.article.lastModified).max()
        let entries =
            pages
            .filter { $0.kind == .html && $0.path != "404.html" }
            .sorted { $0.path < $1.path }
            .map { page in
                Sitemap.Page(
                    url: config.paths.absoluteURL(SitePaths.sitePath(ofFile: page.path)),
                    lastModified: page.source.flatMap { lastModifiedBySource[$0] } ?? newest
                )
            }
        return Sitemap(pages: entries).xml()
    }
}
