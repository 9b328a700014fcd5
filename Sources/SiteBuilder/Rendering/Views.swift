import GazetteCore
import SiteModel
import SiteContent
import Syndication

/// The values templates see, built from the site model. Keys are the names templates use.
struct Views: Sendable {
    let config: SiteConfig

    /// `site.*`: the same on every page.
    var site: [String: Any] {
        let view: [String: Any?] = [
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "root": config.basePath,
            "baseURL": config.baseURL,
            "feedURL": config.paths.absoluteURL("/" + (config.feed.formats.first ?? .atom).fileName),
            "feedPath": url("/" + (config.feed.formats.first ?? .atom).fileName),
            "feeds": feedLinks(folder: "/", title: config.title),
        ]
        return view.compactMapValues { $0 }
    }

    /// `page.*`: what the page's head says about it; `feeds` names the folder and title of the
    /// page's own feeds, for pages (tags, sections) that have them.
    func page(title: String, description: String, path: String, feeds: (folder: String, title: String)? = nil) -> [String: Any] {
        var view: [String: Any] = [
            "title": title == config.title ? title : "\(title) — \(config.title)",
            "heading": title,
            "description": description.shortened(to: 160),
            "canonicalURL": config.paths.absoluteURL(path),
            "social": ["type": "website", "card": "summary"],
        ]
        if let feeds { view["feeds"] = feedLinks(folder: feeds.folder, title: feeds.title) }
        return view
    }

    /// Autodiscovery links for the feeds of a folder, one per format.
    func feedLinks(folder: String, title: String) -> [[String: Any]] {
        let several = config.feed.formats.count > 1
        return config.feed.formats.map { format in
            [
                "mediaType": format.mediaType,
                "title": several ? "\(title) (\(format.displayName))" : title,
                "url": config.paths.absoluteURL(folder + format.fileName),
            ]
        }
    }

    /// An article, as both its own page and list entries show it.
    func article(_ rendered: RenderedArticle) -> [String: Any] {
        let article = rendered.article
        let tags: [[String: Any]] = article.tags.map { ["name": $0, "url": url("/tags/\(Slug.make($0))/")] }
        var view: [String: Any] = [
            "title": article.title,
            "url": url(article.path),
            "absoluteURL": config.paths.absoluteURL(article.path),
            "dateISO": article.date.rfc3339,
            "dateDisplay": Self.displayDate(article.date),
            "dateShort": Self.shortDate(article.date),
            "readingMinutes": rendered.readingMinutes,
            "wordCount": rendered.wordCount,
            "html": rendered.html,
            "excerpt": rendered.summary.shortened(to: 300),
            "hasTags": !tags.isEmpty,
            "tags": tags,
        ]
        if let author = article.author { view["author"] = ["name": author.name] }
        if let updated = article.updated { view["updatedISO"] = updated.rfc3339 }
        if let image = rendered.image { view["image"] = imageURL(image, on: article.path) }
        if article.tableOfContents, !rendered.headings.isEmpty {
            view["toc"] = rendered.headings.map { ["id": $0.id, "text": $0.text, "level": $0.level] as [String: Any] }
            view["hasToc"] = true
        }
        return view
    }

    /// `page.social`: Open Graph and Twitter card values for an article's page.
    func social(for rendered: RenderedArticle) -> [String: Any] {
        var social: [String: Any] = [
            "type": "article",
            "publishedTime": rendered.article.date.rfc3339,
            "card": rendered.image == nil ? "summary" : "summary_large_image",
        ]
        if let updated = rendered.article.updated { social["modifiedTime"] = updated.rfc3339 }
        if let image = rendered.image { social["image"] = imageURL(image, on: rendered.article.path) }
        social["articleTags"] = rendered.article.tags
        return social
    }

    /// The absolute URL of an image referenced from the page at `sitePath`.
    private func imageURL(_ reference: String, on sitePath: String) -> String {
        URI.resolve(reference, against: config.paths.absoluteURL(sitePath))
    }

    /// A site path with the base URL's path in front: `/posts/a/` → `/blog/posts/a/`.
    func url(_ sitePath: String) -> String {
        config.basePath + sitePath.dropFirst()
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                      "August", "September", "October", "November", "December"]

    /// `1 March 2024`, in the article's own offset.
    static func displayDate(_ date: Timestamp) -> String {
        let local = date.local
        return "\(local.day) \(monthNames[local.month - 1]) \(local.year)"
    }

    /// `1 Mar`.
    static func shortDate(_ date: Timestamp) -> String {
        let local = date.local
        return "\(local.day) \(monthNames[local.month - 1].prefix(3))"
    }
}
