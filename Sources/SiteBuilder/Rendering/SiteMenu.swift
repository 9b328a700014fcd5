import GazetteCore
import SiteModel

/// The entries of the nav every page shows.
enum SiteMenu {
    /// `menu:` from `site.yml`, each content file resolved to its page's URL; without `menu:`,
    /// the top sections, the standalone pages, then Archive, Tags and Subscribe.
    /// - Throws: `BuildFailure` at the line of an entry naming a file that is no published page.
    static func links(for site: Site) throws(BuildFailure) -> [LinkView] {
        let paths = site.config.paths
        guard let entries = site.config.menu else {
            let sections = site.sections.filter { !$0.name.contains("/") }.map {
                LinkView(title: $0.title, url: paths.url($0.path))
            }
            let pages = site.pages.map { LinkView(title: $0.article.title, url: paths.url($0.article.path)) }
            return sections + pages + [
                LinkView(title: "Archive", url: paths.url(SitePaths.archive)),
                LinkView(title: "Tags", url: paths.url(SitePaths.tagIndex)),
                LinkView(title: "Subscribe", url: paths.url(SitePaths.subscribe)),
            ]
        }
        var byContentPath: [String: String] = [:]
        for rendered in site.pages + site.articles {
            byContentPath[rendered.article.contentPath] = rendered.article.path
        }
        return try entries.map { entry throws(BuildFailure) in
            guard entry.isContentFile else {
                let url = entry.target
                return LinkView(
                    title: entry.title, url: URI.isAbsolute(url) || !url.hasPrefix("/") ? url : paths.url(url))
            }
            let file =
                entry.target.hasPrefix("content/") ? String(entry.target.dropFirst("content/".count)) : entry.target
            guard let path = byContentPath[file] else {
                throw BuildFailure(
                    .error(
                        SiteLayout.configFiles[0], line: entry.line,
                        "the menu entry '\(entry.title)' names \(entry.target), which is no published page or article in content/"
                    ))
            }
            return LinkView(title: entry.title, url: paths.url(path))
        }
    }
}
