import Foundation
import GazetteCore
import SiteContent
import SiteModel

/// The read and render stages: every article of `content/` read, the published ones rendered.
/// The articles' source texts stay behind when it returns, so they are not held in memory
/// while pages are made.
struct ArticleStages {
    let options: BuildOptions
    let config: SiteConfig
    let theme: Theme
    let contentFolder: URL
    /// What earlier builds read and rendered, reused when unchanged.
    let cache: BuildCache?
    /// The stamps of the files of `content/` already looked at, by path there.
    var contentStamps: [String: FileStamp] = [:]

    /// What the stages hand on.
    struct Output {
        /// The published articles, rendered, without their source text.
        let rendered: [RenderedArticle]
        /// The render stage's key of each rendered article, by source path; only with a cache.
        let renderKeys: [String: ContentDigest]
        /// When an article comes due or expires after the build's `now`.
        let nextChange: Timestamp?
        /// What `_index.md` files say about sections.
        let sections: [String: SectionInfo]
        /// Where each file of `content/` that is not an article is published.
        let assetPaths: [String: String]
        /// The articles not published, by why.
        let leftOut: BuildSummary.LeftOut
        /// What read the articles (with the commit dates it was given) and rendered them.
        let reader: ArticleReader?
        let renderer: ArticleRenderer
    }

    /// Reads and renders every article of `inventory`.
    func run(
        _ inventory: ContentInventory, warnings: inout [Diagnostic], progress: @escaping @Sendable (BuildEvent) -> Void
    ) async throws(BuildFailure) -> Output {
        let reading = ContentReading(
            contentFolder: contentFolder, config: config, cache: cache, stamps: contentStamps)
        var read = try await reading.articles(inventory.articlePaths, warnings: &warnings)
        var articles = read.articles.filter(options.publishes)
        let now = options.now
        let nextChange = read.articles.flatMap { [$0.date, $0.expires].compactMap { $0 } }
            .filter { $0.isLater(than: now) }.min()
        let leftOut = options.leftOut(read.articles)
        // `articles` holds the only copy of each source text, so rendering can let each go.
        read.articles = []
        let sections = try reading.sections(inventory.sectionPaths, warnings: &warnings)
        try ContentReading.checkUniquePaths(articles)
        let assetPaths = ContentAssets.sitePaths(of: inventory.assetPaths, articles: articles)

        progress(.stage("Rendering \(articles.count) article\(articles.count == 1 ? "" : "s")"))
        let articlePaths = articles.map { ($0.contentPath, $0.path) }
        let links = LinkResolver(
            articlePaths: Dictionary(uniqueKeysWithValues: articlePaths), assetPaths: assetPaths,
            basePath: config.basePath)
        // Made while the keys are.
        async let linkTable =
            cache == nil
            ? nil
            : LinkResolver.digest(
                articlePaths: articlePaths,
                assetPaths: inventory.assetPaths.compactMap { path in
                    assetPaths[path].map { (path, $0) }
                }, basePath: config.basePath)
        let shortcodes = ShortcodeExpander(
            builtIns: BuiltInShortcodes(links: links, baseURL: config.baseURL), library: theme.library)
        let renderer = ArticleRenderer(
            links: links, shortcodes: shortcodes, smartPunctuation: config.smartPunctuation)
        // Rendering depends on the article (its read key), the theme (a site's shortcode
        // templates), the base URL (Liquid's `site.url`, the links' paths) and the Markdown
        // options; and on the entries of the link table it looked up, which must still give
        // the answers they gave (`stillAnswers`): adding or removing an article renders again
        // only the articles that looked it up.
        let (cache, theme) = (self.cache, self.theme)
        let renderOptions = "\(config.baseURL) smart:\(config.smartPunctuation)"
        let readKeys = read.keys
        let keys = await parallelMap(articles) { article in
            cache == nil
                ? nil
                : readKeys[article.sourcePath].map { SiteDigests.combining($0, theme.digest, renderOptions) }
        }
        // While the table is the last build's, every rendering the cache holds answers as it did.
        let trusted = await linkTable.map { cache?.trustsRenderings(checkedAgainst: $0) ?? false } ?? false
        let stillHolds = { @Sendable (rendered: RenderedArticle) in
            trusted || links.stillAnswers(rendered.linkLookups)
        }
        // The renderings the cache holds that still hold, by index (on one thread: the table's
        // lock is taken once per article, and two threads would mostly wait for each other).
        let remembered = articles.indices.map { index -> RenderedArticle? in
            guard let cache, let key = keys[index],
                let rendered = cache.render.use(articles[index].sourcePath, key: key), stillHolds(rendered)
            else { return nil }
            return rendered
        }
        // Articles restored from a cache file come without their bodies; the few that must be
        // rendered again are read again first.
        if let reader = read.reader, !read.withoutBody.isEmpty {
            let again = articles.indices.filter { index in
                remembered[index] == nil && read.withoutBody.contains(articles[index].sourcePath)
            }
            let bodies = try await reading.readingBodies(of: again.map { articles[$0] }, with: reader)
            for (index, article) in zip(again, bodies) { articles[index] = article }
        }
        // In batches, each article's source text let go once it is rendered: a large site's
        // texts and HTML are never all in memory at once.
        var renders: [(RenderedArticle, ContentDigest?)] = []
        renders.reserveCapacity(articles.count)
        for start in stride(from: 0, to: articles.count, by: Self.renderBatch) {
            let batch = start..<min(articles.count, start + Self.renderBatch)
            renders += await parallelMap(Array(zip(articles[batch], zip(keys[batch], remembered[batch])))) {
                article, known -> (RenderedArticle, ContentDigest?) in
                let (key, remembered) = known
                let render = {
                    LargeWork.run(size: article.body.utf8.count) { renderer.render(article).droppingSource() }
                }
                guard let cache, let key else { return (render(), nil) }
                let rendered = remembered ?? cache.render.remember(render(), for: article.sourcePath, key: key)
                // What comes after depends on the answers too, which the key does not name.
                guard let lookups = rendered.linkLookupsDigest else { return (rendered, key) }
                return (rendered, SiteDigests.combining(key, lookups))
            }
            // Articles restored from the cache have no body to let go of: each is left as it is.
            for index in batch where !articles[index].body.isEmpty { articles[index] = articles[index].withBody("") }
        }
        let rendered = renders.map(\.0)
        warnings += rendered.flatMap(\.warnings)
        var renderKeys: [String: ContentDigest] = [:]
        renderKeys.reserveCapacity(renders.count)
        for (article, key) in renders { renderKeys[article.article.sourcePath] = key }
        return Output(
            rendered: rendered, renderKeys: renderKeys, nextChange: nextChange, sections: sections,
            assetPaths: assetPaths, leftOut: leftOut, reader: read.reader, renderer: renderer)
    }

    /// How many articles are rendered before their source texts are let go.
    private static let renderBatch = 1024
}
