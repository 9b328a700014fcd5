/// Renders every HTML page of a site with a theme.
struct PageBuilder {
    let site: Site
    let theme: Theme
    private let views: Views

    init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
        self.views = Views(config: site.config)
    }

    /// The article pages, rendered in parallel.
    func articlePages() async throws(BuildFailure) -> [OutputFile] {
        let builder = self
        let results = await parallelMap(Array(site.articles.indices)) { index -> Result<OutputFile, BuildFailure> in
            Result { () throws(BuildFailure) -> OutputFile in try builder.articlePage(at: index) }
        }
        return try results.map { (result: Result<OutputFile, BuildFailure>) throws(BuildFailure) -> OutputFile in try result.get() }
    }

    /// The home pages, section and tag pages, tag index, archive and 404 page.
    func listPages() throws(BuildFailure) -> [OutputFile] {
        let config = site.config
        let articleViews = site.articles.map(views.article)
        func paginated(_ indices: [Int], basePath: String, heading: String?, title: String, description: String,
                       feedTitle: String? = nil) throws(BuildFailure) -> [OutputFile] {
            try self.paginated(indices.map { articleViews[$0] }, basePath: basePath, heading: heading, title: title,
                               description: description, feedTitle: feedTitle)
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
            "archive": ["years": archiveYears(articleViews)],
        ]))
        files.append(try page("404", path: "/404.html", title: "Page not found", description: "There is nothing at this address.", extra: [:]))
        return files
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
        return OutputFile(path: Self.file(for: article.path), kind: .html, text: try theme.render("article", context), source: article.sourcePath)
    }

    private func paginated(_ articles: [[String: Any]], basePath: String, heading: String?, title: String, description: String,
                           feedTitle: String?) throws(BuildFailure) -> [OutputFile] {
        let pageSize = site.config.pageSize
        let pageCount = max(1, (articles.count + pageSize - 1) / pageSize)
        func path(_ number: Int) -> String { number == 1 ? basePath : "\(basePath)page/\(number)/" }
        return try (1...pageCount).map { (number: Int) throws(BuildFailure) -> OutputFile in
            let slice = articles.dropFirst((number - 1) * pageSize).prefix(pageSize)
            var list: [String: Any] = [
                "hasArticles": !slice.isEmpty,
                "articles": Array(slice),
            ]
            if let heading { list["heading"] = heading }
            if pageCount > 1 {
                var pagination: [String: Any] = ["current": number, "total": pageCount]
                if number > 1 { pagination["newerURL"] = views.url(path(number - 1)) }
                if number < pageCount { pagination["olderURL"] = views.url(path(number + 1)) }
                list["pagination"] = pagination
            }
            let pageTitle = number == 1 ? title : "\(title), page \(number)"
            var context = base(title: pageTitle, description: description, path: path(number))
            if let feedTitle {
                context["page"] = views.page(title: pageTitle, description: description, path: path(number), feeds: (basePath, feedTitle))
            }
            context["list"] = list
            return OutputFile(path: Self.file(for: path(number)), kind: .html, text: try theme.render("list", context))
        }
    }

    private func page(_ template: String, path: String, title: String, description: String, extra: [String: Any]) throws(BuildFailure) -> OutputFile {
        var context = base(title: title, description: description, path: path)
        context.merge(extra) { $1 }
        return OutputFile(path: Self.file(for: path), kind: .html, text: try theme.render(template, context))
    }

    private func link(to rendered: RenderedArticle) -> [String: Any] {
        ["title": rendered.article.title, "url": views.url(rendered.article.path)]
    }

    private func base(title: String, description: String, path: String) -> [String: Any] {
        ["site": views.site, "page": views.page(title: title, description: description, path: path)]
    }

    /// Years, newest first, each with its articles in site order. Years are local to each
    /// article's own offset, so an article can sort among the previous year's by instant.
    private func archiveYears(_ articleViews: [[String: Any]]) -> [[String: Any]] {
        let byYear = Dictionary(grouping: site.articles.indices) { site.articles[$0].article.date.local.year }
        return byYear.keys.sorted(by: >).map { year in
            ["year": year, "articles": byYear[year]!.map { articleViews[$0] }]
        }
    }

    /// The output file for a site path: `/posts/a/` → `posts/a/index.html`, `/404.html` → `404.html`.
    static func file(for sitePath: String) -> String {
        let relative = String(sitePath.dropFirst())
        return relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
    }
}
