import GazetteCore
import SiteModel

/// Renders every HTML page of a site with a theme.
///
/// What it renders with is held in two boxes, the site and the rest: a builder is copied into
/// the work of every page, and a copy is then two reference counts rather than one for each
/// of the many values inside.
struct PageBuilder: Sendable {
    private final class SiteBox: Sendable {
        let site: Site
        init(_ site: Site) { self.site = site }
    }

    private final class Parts: Sendable {
        let theme: Theme
        let cache: BuildCache?
        let digests: SiteDigests?
        let published: PublishedPages?
        let staged: StagedPages?
        let views: ViewBuilder
        let siteView: SiteView

        init(
            theme: Theme, cache: BuildCache?, digests: SiteDigests?, published: PublishedPages?,
            staged: StagedPages?, views: ViewBuilder, siteView: SiteView
        ) {
            self.theme = theme
            self.cache = cache
            self.digests = digests
            self.published = published
            self.staged = staged
            self.views = views
            self.siteView = siteView
        }
    }

    private var siteBox: SiteBox
    private let parts: Parts

    var site: Site { siteBox.site }
    var theme: Theme { parts.theme }
    /// Pages of earlier builds, reused when nothing they show changed.
    var cache: BuildCache? { parts.cache }
    /// What cache keys are made from; present exactly when `cache` is.
    var digests: SiteDigests? { parts.digests }
    /// Pages the output folder holds as the last build published them, reused when their
    /// keys did not change; only with a cache.
    var published: PublishedPages? { parts.published }
    /// Where pages are written as they are made, when the build publishes; else they stay in memory.
    var staged: StagedPages? { parts.staged }
    private var views: ViewBuilder { parts.views }
    private var siteView: SiteView { parts.siteView }

    /// A page made or reused, and with a cache, the record of it for the next build.
    private typealias Made = (file: Result<OutputFile, BuildFailure>, record: PublishedPages.Record?)

    /// - Parameter menu: The nav's entries (`SiteMenu.links`).
    init(
        site: Site, theme: Theme, cache: BuildCache? = nil, digests: SiteDigests? = nil,
        published: PublishedPages? = nil, staged: StagedPages? = nil, now: Timestamp? = nil, menu: [LinkView] = []
    ) {
        let views = ViewBuilder(config: site.config, feeds: site.feeds, now: now)
        var siteView = views.site
        siteView.menu = menu
        siteBox = SiteBox(site)
        parts = Parts(
            theme: theme.inlining(siteView), cache: cache, digests: digests, published: published, staged: staged,
            views: views, siteView: siteView)
    }

    /// Every HTML page, rendered in parallel: the article pages, and the lists — home pages,
    /// section and tag pages, tag index, archive and 404 page. Each article's view is made
    /// once and shared by its own page and every list that shows it. With a cache, each page
    /// also comes with the record the next build reuses it by.
    func pages() async throws(BuildFailure) -> (
        articles: [OutputFile], lists: [OutputFile], records: [PublishedPages.Record]
    ) {
        let articleViews = site.articles.map(views.article)
        let (articles, articleRecords) = try await articlePages(articleViews)
        let (lists, listRecords) = try await listPages(articleViews)
        return (articles + (try standalonePages()), lists, articleRecords + listRecords)
    }

    /// The standalone pages (About, Contact): each with its text alone, no date and no
    /// neighbours. There are few; they are made every build.
    private func standalonePages() throws(BuildFailure) -> [OutputFile] {
        try site.pages.map(standalonePage)
    }

    /// The page of one standalone page: it shows nothing of any other.
    func standalonePage(_ rendered: RenderedArticle) throws(BuildFailure) -> OutputFile {
        let article = rendered.article
        var context = context(
            title: article.title, description: rendered.summary.isEmpty ? article.title : rendered.summary,
            path: article.path)
        context.article = views.article(rendered)
        return OutputFile(
            path: SitePaths.outputFile(for: article.path), kind: .html, text: try theme.render(.page, context),
            source: article.sourcePath)
    }

    private func articlePages(_ views: [ArticleView]) async throws(BuildFailure) -> (
        [OutputFile], [PublishedPages.Record]
    ) {
        let builder = self
        let site = self.site
        // What a page shows of each article it links to, digested once for all the pages.
        let shown =
            digests == nil
            ? [] : await parallelMap(site.articles) { SiteDigests.combining($0.article.path, $0.article.title) }
        let results = await parallelMap(Array(site.articles.indices)) { index in
            LargeWork.run(size: site.articles[index].htmlByteCount) {
                builder.cachedArticlePage(at: index, view: views[index], shown: shown)
            }
        }
        return try Self.files(of: results)
    }

    /// The files of pages made, or the first failure, and the records of them.
    private static func files(of made: [Made]) throws(BuildFailure) -> ([OutputFile], [PublishedPages.Record]) {
        let files = try made.map { (made: Made) throws(BuildFailure) in try made.file.get() }
        return (files, made.compactMap(\.record))
    }

    /// The page at `path` as the last build published it when its key is unchanged; else
    /// the one `make` returns, with the record of it for the next build.
    private func reusing(
        _ path: String, key: ContentDigest, source: String?, make: () -> Result<OutputFile, BuildFailure>
    ) -> Made {
        if let (file, record) = published?.page(at: path, key: key, source: source) { return (.success(file), record) }
        let made = make()
        guard let cache, case .success(let file) = made, case .bytes(let bytes) = file.contents else {
            return (staging(made, digest: nil), nil)
        }
        let digest = cache.pageDigests.digest(of: bytes, at: path)
        return (staging(made, digest: digest), PublishedPages.Record(path: path, key: key, digest: digest))
    }

    /// A page made, written to `staged` when the build publishes.
    private func staging(_ made: Result<OutputFile, BuildFailure>, digest: ContentDigest?) -> Result<
        OutputFile, BuildFailure
    > {
        guard let staged else { return made }
        return made.flatMap { file in Result { () throws(BuildFailure) in try staged.stage(file, digest: digest) } }
    }

    private func listPages(_ articleViews: [ArticleView]) async throws(BuildFailure) -> (
        [OutputFile], [PublishedPages.Record]
    ) {
        let config = site.config
        var lists = [
            ListPlan(
                kind: .home, indices: Array(site.articles.indices), firstPage: SitePaths.home, heading: nil,
                title: config.title, description: config.description ?? config.title)
        ]
        lists += site.sections.map { section in
            ListPlan(
                kind: .section, indices: section.articleIndices, firstPage: section.path, heading: section.title,
                title: section.title, description: section.description ?? "\(section.title) on \(config.title).")
        }
        lists += site.tags.map { tag in
            let heading = "Tagged “\(tag.name)”"
            return ListPlan(
                kind: .tag, indices: tag.articleIndices, firstPage: tag.path, heading: heading, title: heading,
                description: "Articles tagged “\(tag.name)” on \(config.title).")
        }
        let pageSize = config.pageSize
        let jobs = lists.flatMap { list in
            let pageCount = max(1, (list.indices.count + pageSize - 1) / pageSize)
            return (1...pageCount).map { ListPage(list: list, number: $0, pageCount: pageCount, pageSize: pageSize) }
        }
        let builder = self
        // The pages of every article at once (the archive, the tag index) are made first, beside
        // the lists' pages rather than after them: each is one long render.
        let wholeSitePages: [@Sendable () -> Made] = [
            { builder.unstaged { () throws(BuildFailure) in try builder.tagIndexPage() } },
            { builder.cachedArchivePage(articleViews) },
            { builder.unstaged { () throws(BuildFailure) in try builder.subscribePage() } },
            { builder.unstaged { () throws(BuildFailure) in try builder.notFoundPage() } },
        ]
        let listPages = jobs.map { job in { @Sendable () -> Made in builder.cachedListPage(job, views: articleViews) } }
        let made = await parallelMap(wholeSitePages + listPages) { $0() }
        return try Self.files(of: Array(made[wholeSitePages.count...] + made[..<wholeSitePages.count]))
    }

    /// A page made without the cache or the staging file, as the pages of the whole site are.
    private func unstaged(_ make: () throws(BuildFailure) -> OutputFile) -> Made {
        (Result { () throws(BuildFailure) in try make() }, nil)
    }

    private func tagIndexPage() throws(BuildFailure) -> OutputFile {
        let config = site.config
        var tagIndex = context(
            title: "Tags", description: "All tags used on \(config.title).", path: SitePaths.tagIndex)
        tagIndex.tags = TagIndexView(
            hasTags: !site.tags.isEmpty,
            all: site.tags.map {
                TagCountView(name: $0.name, url: config.paths.url($0.path), count: $0.articleIndices.count)
            }
        )
        return try page(.tagIndex, at: SitePaths.tagIndex, tagIndex)
    }

    /// The archive shows every article, so a change to any could change it. It is made again
    /// only when a value its templates can look up changed (`TemplateNames`): an edit to an
    /// article's text leaves the default archive, which shows titles and dates, as it was.
    private func cachedArchivePage(_ articleViews: [ArticleView]) -> Made {
        let years = archiveYears()
        func make() -> Result<OutputFile, BuildFailure> {
            Result { () throws(BuildFailure) in try archivePage(years, articleViews) }
        }
        guard let cache, let digests else { return (make(), nil) }
        let names = theme.names(usedBy: .archive)?.filter(ArticleView.names.contains).sorted()
        let keyParts = names.map(ArticleView.keyParts)
        var hasher = ContentHasher()
        hasher.combine(digests.config)
        hasher.combine(digests.theme)
        names.combine(into: &hasher)
        for (year, indices) in years {
            hasher.combine(year)
            hasher.combine(indices.count)
            for index in indices {
                guard let keyParts else {
                    hasher.combine(digests.articles[index])
                    continue
                }
                articleViews[index].combine(keyParts, into: &hasher)
            }
        }
        let key = hasher.finalize()
        return reusing(SitePaths.outputFile(for: SitePaths.archive), key: key, source: nil) {
            cache.listPages.value(for: SitePaths.archive, key: key, compute: make)
        }
    }

    private func archivePage(_ years: [(year: Int, indices: [Int])], _ articleViews: [ArticleView])
        throws(BuildFailure) -> OutputFile
    {
        var archive = context(
            title: "Archive", description: "Every article on \(site.config.title), by year.", path: SitePaths.archive)
        archive.archive = ArchiveView(
            years: years.map { YearView(year: $0.year, articles: $0.indices.map { articleViews[$0] }) })
        return try page(.archive, at: SitePaths.archive, archive)
    }

    private func subscribePage() throws(BuildFailure) -> OutputFile {
        var subscribe = context(
            title: "Subscribe", description: "Follow \(site.config.title) in a feed reader.", path: SitePaths.subscribe)
        subscribe.subscribe = views.subscribe()
        return try page(.subscribe, at: SitePaths.subscribe, subscribe)
    }

    private func notFoundPage() throws(BuildFailure) -> OutputFile {
        let notFound = context(
            title: "Page not found", description: "There is nothing at this address.", path: SitePaths.notFound)
        return try page(.notFound, at: SitePaths.notFound, notFound)
    }

    // MARK: - Article pages

    /// An article page depends on the article, its neighbours, its related articles, the
    /// configuration and the theme; it is rendered again only when one of them changed.
    /// - Parameter shown: The digest of what a page shows of each article it links to (its path
    ///   and title), by index; empty without a cache.
    private func cachedArticlePage(at index: Int, view: ArticleView, shown: [ContentDigest]) -> Made {
        // A function, not a closure: a closure would copy the builder for every page.
        func make() -> Result<OutputFile, BuildFailure> {
            Result { () throws(BuildFailure) in try articlePage(at: index, view: view) }
        }
        guard let cache, let digests else { return (staging(make(), digest: nil), nil) }
        let article = site.articles[index].article
        let linked = neighbours(of: index).map { shown[$0] }
        let key = SiteDigests.combining(digests.articles[index], linked, digests.config, digests.theme)
        return reusing(SitePaths.outputFile(for: article.path), key: key, source: article.sourcePath) {
            cache.articlePages.value(for: article.path, key: key, compute: make)
        }
    }

    /// The articles an article's page links to: the older and newer ones, then related ones.
    /// By index: copying an article out of the list would retain its every field.
    private func neighbours(of index: Int) -> [Int] {
        [index + 1, index - 1].filter(site.articles.indices.contains) + site.related(to: index)
    }

    /// The page of the article at `index` with `article` in its place, which has the same
    /// path, date and tags (`Site.replacingArticle`): what `ArticlePreview` shows.
    func articlePage(at index: Int, showing article: RenderedArticle) throws(BuildFailure) -> OutputFile {
        var builder = self
        builder.siteBox = SiteBox(site.replacingArticle(at: index, with: article))
        return try builder.articlePage(at: index, view: views.article(article))
    }

    private func articlePage(at index: Int, view: ArticleView) throws(BuildFailure) -> OutputFile {
        let rendered = site.articles[index]
        let article = rendered.article
        var context = context(
            title: article.title, description: rendered.summary.isEmpty ? article.title : rendered.summary,
            path: article.path, social: views.social(for: rendered)
        )
        var view = view
        // Articles are newest first: the previous (older) one follows, the next (newer) precedes.
        if index + 1 < site.articles.count { view.previous = views.link(to: site.articles[index + 1]) }
        if index > 0 { view.next = views.link(to: site.articles[index - 1]) }
        view.related = site.related(to: index).map { views.link(to: site.articles[$0]) }
        context.article = view
        return OutputFile(
            path: SitePaths.outputFile(for: article.path), kind: .html, text: try theme.render(.article, context),
            source: article.sourcePath
        )
    }

    // MARK: - Lists

    /// A list of articles shown over one or more pages.
    private struct ListPlan: Sendable {
        let kind: PageKind
        /// The articles, as indices into `Site.articles`, newest first.
        let indices: [Int]
        /// The site path of the list's first page.
        let firstPage: String
        let heading: String?
        let title: String
        let description: String
    }

    /// One page of a list.
    private struct ListPage: Sendable {
        let list: ListPlan
        let number: Int
        let pageCount: Int
        /// The page's articles, as indices into `Site.articles`.
        let slice: [Int]

        init(list: ListPlan, number: Int, pageCount: Int, pageSize: Int) {
            self.list = list
            self.number = number
            self.pageCount = pageCount
            slice = Array(list.indices.dropFirst((number - 1) * pageSize).prefix(pageSize))
        }
    }

    /// A page of a list, rendered again only when its articles, its place in the list, the
    /// configuration or the theme changed.
    private func cachedListPage(_ page: ListPage, views: [ArticleView]) -> Made {
        // A function, not a closure: a closure would copy the builder for every page.
        func make() -> Result<OutputFile, BuildFailure> {
            Result { () throws(BuildFailure) in
                try listPage(
                    page.list, number: page.number, pageCount: page.pageCount,
                    articles: page.slice.map { views[$0] })
            }
        }
        guard let cache, let digests else { return (staging(make(), digest: nil), nil) }
        let list = page.list
        let key = SiteDigests.combining(
            page.slice.map { digests.articles[$0] }, list.kind.rawValue, list.firstPage, list.heading ?? "", list.title,
            list.description, page.number, page.pageCount, digests.config, digests.theme
        )
        let path = SitePaths.listPage(page.number, of: list.firstPage)
        return reusing(SitePaths.outputFile(for: path), key: key, source: nil) {
            cache.listPages.value(for: path, key: key, compute: make)
        }
    }

    /// Page `number` of a list: its articles, links to the newer and older pages, and the
    /// list's own feeds in the head when it has them.
    private func listPage(_ list: ListPlan, number: Int, pageCount: Int, articles: [ArticleView]) throws(BuildFailure)
        -> OutputFile
    {
        let path = SitePaths.listPage(number, of: list.firstPage)
        let pageTitle = number == 1 ? list.title : "\(list.title), page \(number)"
        var context = context(
            title: pageTitle, description: list.description, path: path,
            feeds: list.kind == .home ? nil : site.feeds.folder(at: list.firstPage)
        )
        var pagination: PaginationView?
        if pageCount > 1 {
            let paths = site.config.paths
            pagination = PaginationView(
                current: number, total: pageCount,
                newerURL: number > 1 ? paths.url(SitePaths.listPage(number - 1, of: list.firstPage)) : nil,
                olderURL: number < pageCount ? paths.url(SitePaths.listPage(number + 1, of: list.firstPage)) : nil
            )
        }
        context.list = ListView(
            hasArticles: !articles.isEmpty, articles: articles, heading: list.heading, pagination: pagination,
            partials: theme.renderedPartials)
        return OutputFile(
            path: SitePaths.outputFile(for: path), kind: .html, text: try theme.render(list.kind, context))
    }

    // MARK: - Shared

    private func page(_ kind: PageKind, at path: String, _ context: PageContext) throws(BuildFailure) -> OutputFile {
        OutputFile(path: SitePaths.outputFile(for: path), kind: .html, text: try theme.render(kind, context))
    }

    private func context(
        title: String, description: String, path: String, social: SocialView? = nil,
        feeds: FeedPlan.Folder? = nil
    ) -> PageContext {
        PageContext(
            site: siteView,
            page: views.page(title: title, description: description, path: path, social: social, feeds: feeds)
        )
    }

    /// Years, newest first, each with its articles in site order. Years are local to each
    /// article's own offset, so an article can sort among the previous year's by instant.
    private func archiveYears() -> [(year: Int, indices: [Int])] {
        let byYear = Dictionary(grouping: site.articles.indices) { site.articles[$0].article.date.local.year }
        return byYear.keys.sorted(by: >).map { ($0, byYear[$0]!) }
    }
}
