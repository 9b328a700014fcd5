import Foundation
import Syndication

/// Builds a site: reads `content/`, renders pages and feeds, validates them, and publishes
/// them to the output folder only when everything succeeded.
public enum SiteBuild {
    /// Runs a whole build.
    /// - Parameters:
    ///   - options: What to build and where.
    ///   - progress: Called as stages start and advance.
    /// - Returns: A summary with the build's warnings.
    /// - Throws: `BuildFailure` with every error found; the output folder is then untouched.
    public static func run(_ options: BuildOptions, progress: @escaping @Sendable (BuildEvent) -> Void = { _ in }) async throws(BuildFailure) -> BuildSummary {
        let site = options.siteFolder
        var warnings: [Diagnostic] = []

        try OutputLocation.check(output: options.outputFolder, site: site)
        progress(.stage("Reading configuration"))
        let config = try loadConfig(site: site, warnings: &warnings)
        let theme = try Theme.load(siteTemplates: site.appending(path: "templates"), siteFolder: site)

        progress(.stage("Reading articles"))
        let contentFolder = site.appending(path: "content")
        let inventory = try ContentScanner.scan(contentFolder: contentFolder, siteFolder: site)
        let articles = try await readArticles(inventory, contentFolder: contentFolder, warnings: &warnings).filter(options.publishes)
        try checkUniquePaths(articles)

        progress(.stage("Rendering \(articles.count) article\(articles.count == 1 ? "" : "s")"))
        let links = LinkResolver(
            articlePaths: Dictionary(uniqueKeysWithValues: articles.map { ($0.contentPath, $0.path) }),
            assetPaths: Set(inventory.assetPaths),
            basePath: config.basePath
        )
        let renderer = ArticleRenderer(links: links)
        let rendered = await parallelMap(articles) { renderer.render($0) }
        let model = Site(config: config, articles: rendered)

        progress(.stage("Writing pages and feeds"))
        let pages = PageBuilder(site: model, theme: theme)
        var files = try await pages.articlePages()
        files += try pages.listPages()
        let (feeds, feedWarnings) = await FeedBuilder(site: model).feeds()
        warnings += feedWarnings
        files += feeds
        files.append(OutputFile(path: "sitemap.xml", kind: .sitemap, text: SitemapBuilder.sitemap(for: model, pages: files)))
        files.append(OutputFile(path: "robots.txt", kind: .text, text: "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL("/sitemap.xml"))\n"))
        files += theme.assets.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, kind: .asset, contents: .bytes($0.value)) }
        files += inventory.assetPaths.map { OutputFile(path: $0, kind: .asset, contents: .copy(contentFolder.appending(path: $0)), source: "content/\($0)") }
        let staticFolder = site.appending(path: "static")
        files += try FolderWalker.files(in: staticFolder, siteFolder: site, displayPrefix: "static").map {
            OutputFile(path: $0, kind: .asset, contents: .copy(staticFolder.appending(path: $0).resolvingSymlinksInPath()), source: "static/\($0)")
        }
        files = try resolveCollisions(files)

        if options.validate {
            progress(.stage("Validating \(files.count) files"))
            let problems = await SiteValidator(config: config, outputName: options.outputFolder.lastPathComponent).validate(files)
            warnings += problems.filter { $0.severity == .warning }
            if problems.containsErrors { throw BuildFailure(problems.filter { $0.severity == .error } + warnings) }
        }

        progress(.stage("Publishing to \(options.outputFolder.lastPathComponent)/"))
        try OutputWriter.publish(files, to: options.outputFolder)
        return BuildSummary(
            articles: model.articles.count,
            pages: files.filter { $0.kind == .html }.count,
            feeds: files.filter { if case .feed = $0.kind { true } else { false } }.count,
            files: files.count,
            warnings: warnings
        )
    }

    private static func loadConfig(site: URL, warnings: inout [Diagnostic]) throws(BuildFailure) -> SiteConfig {
        let defaultTitle = ArticleReader.humanize(site.resolvingSymlinksInPath().lastPathComponent)
        for name in SiteConfigLoader.fileNames {
            let url = site.appending(path: name)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let text = try TextDecoding.decode(Array(data), file: name)
            let (config, configWarnings) = try SiteConfigLoader.load(text, file: name, defaultTitle: defaultTitle)
            warnings += configWarnings
            return config
        }
        let (config, configWarnings) = try SiteConfigLoader.load(nil, file: "site.yml", defaultTitle: defaultTitle)
        warnings += configWarnings
        return config
    }

    /// Reads every article in parallel, collecting every file's errors before failing.
    private static func readArticles(_ inventory: ContentInventory, contentFolder: URL,
                                     warnings: inout [Diagnostic]) async throws(BuildFailure) -> [Article] {
        let reader = ArticleReader(commitDates: CommitDates.read(contentFolder: contentFolder))
        let results = await parallelMap(inventory.articlePaths) { path -> Result<(Article, [Diagnostic]), BuildFailure> in
            Result { () throws(BuildFailure) in try reader.read(try ContentScanner.read(path, contentFolder: contentFolder)) }
        }
        var articles: [Article] = []
        var errors: [Diagnostic] = []
        for result in results {
            switch result {
            case let .success((article, articleWarnings)):
                warnings += articleWarnings
                articles.append(article)
            case let .failure(failure):
                errors += failure.diagnostics
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        return articles
    }

    /// Two articles may not publish to the same URL.
    private static func checkUniquePaths(_ articles: [Article]) throws(BuildFailure) {
        var owners: [String: String] = [:]
        var errors: [Diagnostic] = []
        for article in articles {
            if let other = owners[article.path] {
                errors.append(.error(article.sourcePath, "publishes to \(article.path), as \(other) does; change one file's name or 'slug'"))
            } else {
                owners[article.path] = article.sourcePath
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
    }

    /// Files from `static/` may replace theme assets; any other clash is an error.
    private static func resolveCollisions(_ files: [OutputFile]) throws(BuildFailure) -> [OutputFile] {
        var byPath: [String: OutputFile] = [:]
        var order: [String] = []
        var errors: [Diagnostic] = []
        for file in files {
            guard let existing = byPath[file.path] else {
                byPath[file.path] = file
                order.append(file.path)
                continue
            }
            if existing.kind == .asset && existing.source == nil && file.kind == .asset {
                byPath[file.path] = file
            } else {
                let first = existing.source ?? "a generated page"
                errors.append(.error(file.source ?? file.path, "would be written to \(file.path), which \(first) already uses"))
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        return order.map { byPath[$0]! }
    }
}
