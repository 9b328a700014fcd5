import Foundation
import GazetteCore
import SiteContent
public import SiteModel

/// Builds a site: reads `content/`, renders pages and feeds, validates them, and publishes
/// them to the output folder only when everything succeeded.
public enum SiteBuild {
    /// Runs a whole build and publishes it to the output folder.
    /// - Parameters:
    ///   - options: What to build and where.
    ///   - progress: Called as stages start and advance.
    /// - Returns: A summary with the build's warnings.
    /// - Throws: `BuildFailure` with every error found; the output folder is then untouched.
    public static func run(_ options: BuildOptions, progress: @escaping @Sendable (BuildEvent) -> Void = { _ in })
        async throws(BuildFailure) -> BuildSummary
    {
        try OutputLocation.check(output: options.outputFolder, site: options.siteFolder)
        if options.endsTheProcess { ProcessEnd.keepFreedMemory() }
        var cache: BuildCache?
        var notes: [Diagnostic] = []
        var inputs: ContentDigest?
        var published: PublishedPages?
        var sources: Result<Sources, BuildFailure>?
        var preparation: Task<Result<OutputWriter.Target, BuildFailure>, Never>?
        // A symbolic link to the output folder is followed: the site is published where it leads.
        let output = options.outputFolder.resolvingSymlinksInPath()
        if let folder = options.cacheFolder {
            // A build that ends its process starts loading the cache file while it looks at the
            // sources, on the core that look leaves idle: a rebuild needs the cache.
            let stop = CacheFile.Stop()
            var early = options.endsTheProcess ? loadingCache(from: folder, options, stop: stop) : nil
            let (digest, contentStamps) = LastBuild.inputs(of: options)
            let stored = LastBuild.Stored(in: folder)
            var last: LastBuild?
            if let stored, stored.stillHolds(inputs: digest, now: options.now) {
                // Nothing the build reads changed: unless the output did, the cache is not needed.
                stop.raise()
                early = nil
                last = stored.record()
                if let last, last.trees.output.holds(for: output) {
                    progress(.stage("Nothing changed since the last build"))
                    if options.endsTheProcess { ProcessEnd.keep(last) }
                    return last.summary
                }
            }
            // Something changed: the cache file is loaded while the last build's record is read.
            let loading = early ?? loadingCache(from: folder, options)
            let record = last ?? stored?.record()
            published = record.map { PublishedPages(folder: output, records: $0.publishedPages) }
            // The output and the staging folder beside it are looked at while the cache loads
            // and the site is made.
            preparation = preparing(output, trees: record?.trees)
            inputs = digest
            progress(.stage("Loading the build cache"))
            // What needs no cache is read while it loads.
            sources = Result { () throws(BuildFailure) in
                try readSources(options, contentStamps: contentStamps, progress: progress)
            }
            let (loaded, note) = await loading.value
            notes += [note].compactMap { $0 }
            cache = loaded
        }
        let target = preparation ?? preparing(output, trees: nil)
        // Pages are written beside the output as they are made, not held until publishing.
        var staged = try StagedPages(publishingTo: output)
        defer { staged.remove() }
        var site = try await render(
            options, sources: try sources?.get(), cache: cache, published: published, staged: staged,
            progress: progress)
        // The cache is saved while the site is published: it holds what the build computed,
        // whether or not publishing succeeds.
        let saving = Task.detached { () -> (any Error)? in
            guard let cache, let folder = options.cacheFolder else { return nil }
            do { try CacheFile.save(cache, to: folder) } catch { return error }
            return nil
        }
        progress(.stage("Publishing to \(options.outputFolder.lastPathComponent)/"))
        let publication: OutputWriter.Publication
        do {
            // A folder that cannot be locked, prepared or listed fails the build; only a failure
            // to publish is tried again.
            let prepared = try await target.value.get()
            do {
                publication = try OutputWriter.publish(site.files, to: prepared, published: published)
            } catch  where published != nil {
                // Pages were reused from the output as it was when the build began. If publishing
                // failed, perhaps because another build replaced them meanwhile, they are made
                // again and publishing is tried once more.
                staged.remove()
                staged = try StagedPages(publishingTo: output)
                site = try await render(
                    options, sources: try sources?.get(), cache: cache, published: nil, staged: staged,
                    progress: progress)
                publication = try OutputWriter.publish(site.files, to: output)
            }
            notes += keptFilesWarning(
                publication.counts.preserved, output: options.outputFolder.lastPathComponent)
        } catch {
            _ = await saving.value
            throw error
        }
        if let folder = options.cacheFolder, let inputs {
            progress(.stage("Saving the build cache"))
            var failure = await saving.value
            // Without the output's state (it could not be looked at) no record is written: the
            // one there describes folders publishing has changed, which the next build sees.
            if failure == nil, let trees = publication.trees {
                do {
                    try LastBuild(inputs: inputs, site: site, trees: trees, publication: publication).save(to: folder)
                } catch {
                    failure = error
                }
            }
            if let failure {
                notes.append(
                    .warning(folder.path, "could not save the build cache: \(failure.localizedDescription)"))
            }
        }
        if options.endsTheProcess { ProcessEnd.keep(cache as Any, site, published as Any, publication, sources as Any) }
        return site.summary.adding(notes)
    }

    /// The build cache in `folder`, loaded by a task of its own, with the warning loading gave.
    private static func loadingCache(from folder: URL, _ options: BuildOptions, stop: CacheFile.Stop? = nil)
        -> Task<(BuildCache, Diagnostic?), Never>
    {
        Task.detached {
            let loaded = BuildCache(rebuildsInMemory: false)
            return (
                loaded, CacheFile.load(into: loaded, from: folder, endsTheProcess: options.endsTheProcess, stop: stop)
            )
        }
    }

    /// `OutputWriter.prepare(_:trees:)` on a thread of its own: it waits for the lock another
    /// build publishing to `output` holds, and no thread tasks run on may be kept waiting. The
    /// thread, and those it starts, run at the lowest priority: they mostly take what the
    /// build leaves idle, and all the build's cores once it waits for them.
    private static func preparing(_ output: URL, trees: PublishedTrees?) -> Task<
        Result<OutputWriter.Target, BuildFailure>, Never
    > {
        Task {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    #if os(Linux)
                        // On Linux the nice value is the calling thread's own, and threads it starts inherit it.
                        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                    #endif
                    continuation.resume(
                        returning: Result { () throws(BuildFailure) in try OutputWriter.prepare(output, trees: trees) })
                }
            }
        }
    }

    /// The warning that files someone else put in the output were kept; none when there were none.
    private static func keptFilesWarning(_ preserved: [String], output: String) -> [Diagnostic] {
        guard !preserved.isEmpty else { return [] }
        let shown = preserved.prefix(5).joined(separator: ", ")
        let more = preserved.count > 5 ? " and \(preserved.count - 5) more" : ""
        let files = preserved.count == 1 ? "1 file" : "\(preserved.count) files"
        return [
            .warning(
                output,
                "kept \(files) that build-site did not write (\(shown)\(more)); to publish them on purpose, move them into static/"
            )
        ]
    }

    /// How many stages `run` reports through its `progress` callback.
    public static func stageCount(_ options: BuildOptions) -> Int {
        options.cacheFolder == nil ? 6 : 8
    }

    /// Builds and validates the site in memory, publishing nothing.
    /// - Parameters:
    ///   - options: What to build; the output folder only names files in diagnostics.
    ///   - cache: What an earlier build of the same site left, to skip unchanged work.
    ///   - progress: Called as stages start.
    /// - Returns: Every file the site consists of, and a summary.
    public static func render(
        _ options: BuildOptions, cache: BuildCache? = nil,
        progress: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) async throws(BuildFailure) -> RenderedSite {
        try await render(options, sources: nil, cache: cache, published: nil, staged: nil, progress: progress)
    }

    /// What a build reads before it needs the build cache: the configuration, the theme, and
    /// which files `content/` holds.
    struct Sources {
        let config: SiteConfig
        let theme: Theme
        let inventory: ContentInventory
        /// What reading the configuration found to warn about.
        let warnings: [Diagnostic]
        /// The stamps of the files of `content/` as the inputs' digest saw them, by path there.
        let contentStamps: [String: FileStamp]
    }

    /// Reads the configuration and the theme and lists `content/`.
    private static func readSources(
        _ options: BuildOptions, contentStamps: [String: FileStamp] = [:],
        progress: @escaping @Sendable (BuildEvent) -> Void
    ) throws(BuildFailure) -> Sources {
        let site = options.siteFolder
        var warnings: [Diagnostic] = []
        progress(.stage("Reading configuration"))
        let config = try loadConfig(site: site, warnings: &warnings)
        let theme = try Theme.load(siteTemplates: site.appending(path: SiteLayout.templates), siteFolder: site)
        progress(.stage("Reading articles"))
        let inventory = try ContentScanner.scan(
            contentFolder: site.appending(path: SiteLayout.content), siteFolder: site)
        return Sources(
            config: config, theme: theme, inventory: inventory, warnings: warnings, contentStamps: contentStamps)
    }

    /// `render(_:cache:progress:)`, reusing the pages of `published` whose inputs did not change
    /// and writing the others to `staged`.
    /// - Parameter sources: What the build read before it had the cache; read now when `nil`.
    static func render(
        _ options: BuildOptions, sources given: Sources?, cache: BuildCache?, published: PublishedPages?,
        staged: StagedPages?, progress: @escaping @Sendable (BuildEvent) -> Void
    ) async throws(BuildFailure) -> RenderedSite {
        let sources: Sources
        if let given { sources = given } else { sources = try readSources(options, progress: progress) }
        let config = sources.config
        var warnings = sources.warnings
        cache?.beginBuild()

        // The rendered articles and the site model stay behind in `generate`: validation does
        // not hold their HTML.
        let generated = try await generate(
            options, sources: sources, cache: cache, published: published, staged: staged, warnings: &warnings,
            progress: progress)
        var files = generated.files
        // A build that exits once published needs the renderings only to save them: they are
        // set aside on disk while the site is validated.
        let settingAside = Task.detached {
            if let cache, !cache.keepsSources, let folder = options.cacheFolder {
                CacheFile.setAsideRenderings(of: cache, in: folder)
            }
        }

        if options.validate {
            progress(.stage("Validating \(files.count) files"))
            var validated = config
            if options.contentProblemsAreWarnings {
                validated.validation.links = config.validation.links == .off ? .off : .warning
                validated.validation.html = config.validation.html == .off ? .off : .warning
            }
            let validator = SiteValidator(
                config: validated, outputName: options.outputFolder.lastPathComponent, cache: cache,
                configDigest: generated.configDigest, contentMarkup: generated.contentMarkup,
                contentLinks: generated.contentLinks, endsTheProcess: options.endsTheProcess
            )
            let problems = await validator.validate(files)
            warnings += problems.filter { $0.severity == .warning }
            if problems.containsErrors {
                await settingAside.value
                throw BuildFailure(problems.filter { $0.severity == .error } + warnings)
            }
        }

        // Written after validation: the twins hold the same bytes, compressed.
        if config.precompress { files += await Precompression.twins(of: files) }
        let summary = BuildSummary(
            articles: generated.articleCount,
            pages: files.filter { $0.kind == .html }.count,
            feeds: files.filter { if case .feed = $0.kind { true } else { false } }.count,
            files: files.count,
            warnings: warnings,
            leftOut: generated.leftOut
        )
        await settingAside.value
        cache?.sweep()
        // What the stages made for validation (the pages' link lines, thousands of small tables)
        // is not freed piece by piece in a process about to end.
        if options.endsTheProcess { ProcessEnd.keep(generated) }
        return RenderedSite(
            config: config, files: files, summary: summary, nextChange: generated.nextChange,
            publishedPages: generated.pageRecords, preview: generated.preview)
    }

    /// What the stages before validation made, and the little validation and the summary
    /// need of what they read.
    private struct Generated {
        let files: [OutputFile]
        let pageRecords: [PublishedPages.Record]
        let articleCount: Int
        let leftOut: BuildSummary.LeftOut
        let nextChange: Timestamp?
        let contentMarkup: [String: [Diagnostic]]
        let contentLinks: [String: RenderedArticle.LinkLineTable]
        let configDigest: ContentDigest?
        let preview: ArticlePreview?
    }

    /// Reads and renders the articles and makes every file of the site: pages, feeds, the
    /// sitemap, assets and copies.
    private static func generate(
        _ options: BuildOptions, sources: Sources, cache: BuildCache?, published: PublishedPages?,
        staged: StagedPages?, warnings: inout [Diagnostic], progress: @escaping @Sendable (BuildEvent) -> Void
    ) async throws(BuildFailure) -> Generated {
        let (config, theme, inventory) = (sources.config, sources.theme, sources.inventory)
        let site = options.siteFolder
        let contentFolder = site.appending(path: SiteLayout.content)
        let content = try await ArticleStages(
            options: options, config: config, theme: theme, contentFolder: contentFolder, cache: cache,
            contentStamps: sources.contentStamps
        ).run(inventory, warnings: &warnings, progress: progress)
        let (assetPaths, nextChange) = (content.assetPaths, content.nextChange)
        // Gathered while the site model is made.
        let rendered = content.rendered
        async let contentMarkup = Dictionary(
            rendered.filter { !$0.markupProblems.isEmpty }.map { ($0.article.sourcePath, $0.markupProblems) },
            uniquingKeysWith: { first, _ in first })
        async let contentLinks = Dictionary(
            rendered.filter { !$0.linkLineTable.isEmpty }.map { ($0.article.sourcePath, $0.linkLineTable) },
            uniquingKeysWith: { first, _ in first })
        let model = Site(config: config, articles: rendered, sections: content.sections)
        let menu = try SiteMenu.links(for: model)
        let articleCount = model.articles.count
        let digests =
            cache == nil
            ? nil
            : SiteDigests(
                site: model, themeDigest: theme.digest, renderKeys: content.renderKeys, now: options.now,
                menu: menu.map { [$0.title, $0.url] })

        progress(.stage("Writing pages and feeds"))
        let pages = PageBuilder(
            site: model, theme: theme, cache: cache, digests: digests, published: cache == nil ? nil : published,
            staged: staged, now: options.now, menu: menu)
        let (articlePages, listPages, pageRecords) = try await pages.pages()
        let pageFiles = articlePages + listPages
        var files = pageFiles
        // The sitemap lists the pages; it is made while the feeds are.
        async let sitemap = SitemapBuilder.files(
            for: model, pages: pageFiles, cache: cache, configDigest: digests?.config,
            published: cache == nil ? nil : published, recording: staged != nil)
        let (feeds, feedWarnings) = await FeedBuilder(site: model, cache: cache, digests: digests).feeds()
        warnings += feedWarnings
        files += feeds
        let (sitemapFiles, sitemapRecord) = await sitemap
        files += sitemapFiles
        let robots = "User-agent: *\nAllow: /\n\nSitemap: \(config.paths.absoluteURL(SitePaths.sitemap))\n"
        files.append(OutputFile(path: SitePaths.outputFile(for: SitePaths.robots), kind: .text, text: robots))
        files += theme.assets.sorted { $0.key < $1.key }.map {
            OutputFile(path: $0.key, kind: .asset, contents: .bytes($0.value))
        }
        files += RedirectPages.pages(for: model.articles.map(\.article), config: config)
        let reusing = AssetReuse(published: cache == nil ? nil : published, recording: staged != nil)
        var assets = inventory.assetPaths.map { path in
            reusing.asset(
                path, in: contentFolder, named: SiteLayout.content,
                to: SitePaths.outputFile(for: assetPaths[path] ?? "/" + path))
        }
        let staticFolder = site.appending(path: SiteLayout.staticFiles)
        assets += try FolderWalker.files(in: staticFolder, siteFolder: site, displayPrefix: SiteLayout.staticFiles)
            .map { reusing.asset($0, in: staticFolder, named: SiteLayout.staticFiles, to: $0) }
        files += assets.map(\.file)
        files = try resolveCollisions(files)
        try checkNameLengths(files)
        // The record of an asset another file took the place of is dropped with it.
        let publishedAssets = Set(files.lazy.filter { $0.kind == .asset }.map(\.path))
        let assetRecords = assets.compactMap(\.record).filter { publishedAssets.contains($0.path) }
        return Generated(
            files: files, pageRecords: pageRecords + [sitemapRecord].compactMap { $0 } + assetRecords,
            articleCount: articleCount,
            leftOut: content.leftOut,
            nextChange: nextChange, contentMarkup: await contentMarkup, contentLinks: await contentLinks,
            configDigest: digests?.config,
            preview: options.keepsPreview
                ? content.reader.map {
                    ArticlePreview(options: options, reader: $0, renderer: content.renderer, pages: pages)
                }
                : nil)
    }

    private static func loadConfig(site: URL, warnings: inout [Diagnostic]) throws(BuildFailure) -> SiteConfig {
        let defaultTitle = DisplayName.fromFileName(site.resolvingSymlinksInPath().lastPathComponent)
        for name in SiteConfigLoader.fileNames {
            let url = site.appending(path: name)
            // A file that is there but cannot be read is an error, never a missing file: the
            // site would be published with default settings.
            guard FileReading.exists(url) else { continue }
            let text = try TextDecoding.decode(FileReading.read(url, named: name).bytes, file: name)
            let (config, configWarnings) = try SiteConfigLoader.load(text, file: name, defaultTitle: defaultTitle)
            warnings += configWarnings
            return config
        }
        let (config, configWarnings) = try SiteConfigLoader.load(
            nil, file: SiteLayout.configFiles[0], defaultTitle: defaultTitle)
        warnings += configWarnings
        return config
    }

    /// File systems refuse names longer than 255 bytes; a long title in a script that
    /// transliterates to many letters can make one. Said before anything is written, with the
    /// file it came from.
    private static func checkNameLengths(_ files: [OutputFile]) throws(BuildFailure) {
        let errors = files.compactMap { file -> Diagnostic? in
            // Most paths are shorter than any part may be: only those are split.
            guard file.path.utf8.count > 255,
                let long = file.path.split(separator: "/").first(where: { $0.utf8.count > 255 })
            else { return nil }
            return .error(
                file.source ?? file.path,
                "would be written to a path with a part \(long.utf8.count) bytes long (\(long.prefix(40))…); file systems take at most 255; set a shorter slug"
            )
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
    }

    /// Files from `static/` may replace theme assets; any other clash is an error.
    private static func resolveCollisions(_ files: [OutputFile]) throws(BuildFailure) -> [OutputFile] {
        var resolved: [OutputFile] = []
        resolved.reserveCapacity(files.count)
        var indexByPath: [String: Int] = [:]
        indexByPath.reserveCapacity(files.count)
        var errors: [Diagnostic] = []
        for file in files {
            guard let index = indexByPath.updateValue(resolved.count, forKey: file.path) else {
                resolved.append(file)
                continue
            }
            indexByPath[file.path] = index
            let existing = resolved[index]
            if existing.kind == .asset && existing.source == nil && file.kind == .asset {
                resolved[index] = file
            } else {
                let first = existing.source ?? "a generated page"
                errors.append(
                    .error(file.source ?? file.path, "would be written to \(file.path), which \(first) already uses"))
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        return resolved
    }
}
