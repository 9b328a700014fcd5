import GazetteCore
import SiteModel
import SiteContent
/// Renders every HTML page of a site with a theme.
struct PageBuilder {
    let site: Site
    let theme: Theme
    /// Article pages of earlier builds, reused when nothing they show changed.
    let cache: BuildCache?
    private let views: Views

    init(site: Site, theme: Theme, cache: BuildCache? = nil) {
        self.site = site
        self.theme = theme
        self.cache = cache
        self.views = Views(config: site.config)
    }

    /// The article pages, rendered in parallel.
    func articlePages() async throws(BuildFailure) -> [OutputFile] {
        let builder = self
        let results = await parallelMap(Array(site.articles.indices)) { index -> Result<OutputFile, BuildFailure> in
            builder.cachedArticlePage(at: index)
        }
        return try results.map { (result: Result<OutputFile, BuildFailure>) throws(BuildFailure) -> OutputFile in try result.get() }
    }

    /// The home pages, section and tag pages, tag index, archive and 404 page.
    func listPages() throws(BuildFailure) -> [OutputFile] {
        let config = site.config
        // Article views are made once, and only for pages that are rendered.
        var madeViews: [Int: [String: Any]] = [:]
        func view(_ index: Int) -> [String: Any] {
            if let made = madeViews[index] { return made }
            let made = views.article(site.articles[index])
            madeViews[index] = made
            return made
        }
        func paginated(_ indices: [Int], basePath: String, heading: String?, title: String, description: String,
                       feedTitle: String? = nil) throws(BuildFailure) -> [OutputFile] {
            try self.paginated(indices, basePath: basePath, heading: heading, title: title,
                               description: description, feedTitle: feedTitle, view: view)
        }
        var files = try paginated(
            site.articles.indices.map { $0 }, basePath: "/", heading: nil,
            title: config.title, description: config.description ?? config.title
        )
        for section in site.sections {
            files += try paginated(
                section.articleIndices, basePath: section.path, heading: section.title,
                title: section.title, description: "\(section.title) on \(config.title).",
                feedTitle: config.feed.sectionFeeds ? "\(config.title): \(section.title)" : nil
            )
        }
        for tag in site.tags {
            files += try paginated(
                tag.articleIndices, basePath: tag.path, heading: "Tagged “\(tag.name)”",
                title: "Tagged “\(tag.name)”", description: "Articles tagged “\(tag.name)” on \(config.title).",
                feedTitle: config.feed.tagFeeds ? "\(config.title): \(tag.name)" : nil
            )
        }
        files.append(try page("tags", path: "/tags/", title: "Tags", description: "All tags used on \(config.title).", extra: [
            "tags": [
                "hasTags": !site.tags.isEmpty,
                "all": site.tags.map { ["name": $0.name, "url": views.url($0.path), "count": $0.articleIndices.count] as [String: Any] },
            ] as [String: Any],
        ]))
        files.append(try page("archive", path: "/archive/", title: "Archive", description: "Every article on \(config.title), by year.", extra: [
            "archive": ["years": archiveYears(view)],
        ]))
        files.append(try page("404", path: "/404.html", title: "Page not found", description: "There is nothing at this address.", extra: [:]))
        return files
    }

    /// An article page depends on the article, its neighbours, its related articles, the
    /// configuration and the theme; it is rendered again only when one of them changed.
    private func cachedArticlePage(at index: Int) -> Result<OutputFile, BuildFailure> {
        func describe(_ role: String, _ other: Int) -> String? {
            site.articles.indices.contains(other) ? "\(role) \(site.articles[other].article.path) \(site.articles[other].article.title)" : nil
        }
        let shown = [describe("previous", index + 1), describe("next", index - 1)].compactMap { $0 }
            + site.related(to: index).compactMap { describe("related", $0) }
        let inputs = CacheInputs(site.articles[index], CacheInputs(shown, CacheInputs(site.config, theme.fingerprint)))
        return cache.value(for: "page:" + site.articles[index].article.path, inputs: inputs) {
            Result { () throws(BuildFailure) -> OutputFile in try articlePage(at: index) }
        }
    }

    private func articlePage(at index: Int) throws(BuildFailure) -> OutputFile {
        let rendered = site.articles[index]
        let article = rendered.article
        var context = base(title: article.title, description: rendered.summary.isEmpty ? article.title : rendered.summary, path: article.path)
        var page = context["page"] as? [String: Any] ?? [:]
        page["social"] = views.social(for: rendered)
        context["page"] = page
        var view = views.article(rendered)
        // Articles are newest first: the previous (older) one follows, the next (newer) precedes.
        if index + 1 < site.articles.count { view["previous"] = link(to: site.articles[index + 1]) }
        if index > 0 { view["next"] = link(to: site.articles[index - 1]) }
        let related = site.related(to: index).map { link(to: site.articles[$0]) }
        if !related.isEmpty {
            view["related"] = related
            view["hasRelated"] = true
        }
        context["article"] = view
        return OutputFile(path: SitePaths.outputFile(for: article.path), kind: .html, text: try theme.render("article", context), source: article.sourcePath)
    }

    /// The pages of one list, each rendered again only when its articles, its place in the
    /// list, the configuration or the theme changed.
    private func paginated(_ indices: [Int], basePath: String, heading: String?, title: String, description: String,
                           feedTitle: String?, view: (Int) -> [String: Any]) throws(BuildFailure) -> [OutputFile] {
        let pageSize = site.config.pageSize
        let pageCount = max(1, (indices.count + pageSize - 1) / pageSize)
        func path(_ number: Int) -> String { number == 1 ? basePath : "\(basePath)page/\(number)/" }
        return try (1...pageCount).map { (number: Int) throws(BuildFailure) -> OutputFile in
            let slice = Array(indices.dropFirst((number - 1) * pageSize).prefix(pageSize))
            let inputs = CacheInputs(slice.map { site.articles[$0] }, CacheInputs(
                [basePath, heading ?? "", title, description, feedTitle ?? "", "\(number)/\(pageCount)"],
                CacheInputs(site.config, theme.fingerprint)
            ))
            return try cache.value(for: "list:" + path(number), inputs: inputs) {
                Result { () throws(BuildFailure) -> OutputFile in
                    try listPage(slice.map(view), number: number, pageCount: pageCount, path: path, heading: heading,
                                 title: title, description: description, feeds: feedTitle.map { (basePath, $0) })
                }
            }.get()
        }
    }

    /// Page `number` of a list: its articles, links to the newer and older pages, and the
    /// list's own feeds in the head when it has them.
    private func listPage(_ articles: [[String: Any]], number: Int, pageCount: Int, path: (Int) -> String, heading: String?,
                          title: String, description: String, feeds: (folder: String, title: String)?) throws(BuildFailure) -> OutputFile {
        var list: [String: Any] = ["hasArticles": !articles.isEmpty, "articles": articles]
        if let heading { list["heading"] = heading }
        if pageCount > 1 {
            var pagination: [String: Any] = ["current": number, "total": pageCount]
            if number > 1 { pagination["newerURL"] = views.url(path(number - 1)) }
            if number < pageCount { pagination["olderURL"] = views.url(path(number + 1)) }
            list["pagination"] = pagination
        }
        let pageTitle = number == 1 ? title : "\(title), page \(number)"
        var context = base(title: pageTitle, description: description, path: path(number))
        if let feeds {
            context["page"] = views.page(title: pageTitle, description: description, path: path(number), feeds: feeds)
        }
        context["list"] = list
        return OutputFile(path: SitePaths.outputFile(for: path(number)), kind: .html, text: try theme.render("list", context))
    }

    private func page(_ template: String, path: String, title: String, description: String, extra: [String: Any]) throws(BuildFailure) -> OutputFile {
        var context = base(title: title, description: description, path: path)
        context.merge(extra) { $1 }
        return OutputFile(path: SitePaths.outputFile(for: path), kind: .html, text: try theme.render(template, context))
    }

    private func link(to rendered: RenderedArticle) -> [String: Any] {
        ["title": rendered.article.title, "url": views.url(rendered.article.path)]
    }

    private func base(title: String, description: String, path: String) -> [String: Any] {
        ["site": views.site, "page": views.page(title: title, description: description, path: path)]
    }

    /// Years, newest first, each with its articles in site order. Years are local to each
    /// article's own offset, so an article can sort among the previous year's by instant.
    private func archiveYears(_ view: (Int) -> [String: Any]) -> [[String: Any]] {
        let byYear = Dictionary(grouping: site.articles.indices) { site.articles[$0].article.date.local.year }
        return byYear.keys.sorted(by: >).map { year in
            ["year": year, "articles": byYear[year]!.map(view)]
        }
    }
}
