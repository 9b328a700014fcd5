import GazetteCore
import SiteModel
import Syndication
import XMLKit

/// Validates everything a build is about to publish: feeds against RFC 4287, the sitemap
/// against its schema, every page's markup, and every internal link and fragment.
struct SiteValidator: Sendable {
    let config: SiteConfig
    /// The output folder's name, used in diagnostics (`public/posts/a/index.html:12: …`).
    let outputName: String
    /// Inspections of earlier builds, reused for pages that did not change.
    var cache: BuildCache?
    /// The configuration's digest, for cache keys; present exactly when `cache` is.
    var configDigest: ContentDigest?
    /// Problems in markup authors wrote into articles, by source file, located on its lines;
    /// reported instead of the same problems found on the pages made from them.
    var contentMarkup: [String: [Diagnostic]] = [:]
    /// The source line of each link of each article whose body has links, by source file and
    /// the URL its page holds (`RenderedArticle.linkLines`); a broken link found there is
    /// reported on that line.
    var contentLinks: [String: RenderedArticle.LinkLineTable] = [:]
    /// Whether the process ends after this build: what checking the pages made (every page's
    /// report, the link checker's tables) is then left for the system to take back
    /// (`ProcessEnd`) instead of being freed object by object on one core.
    var endsTheProcess = false

    /// The digest of what links can reach: every file's path, in the build's order (which the
    /// same files always come in), each page's followed by the digest of its sorted ids.
    /// - Parameters:
    ///   - files: Every file of the site.
    ///   - pages: The pages among them, in the same order.
    ///   - idsDigests: The digest of each page's ids (`PageInspection`), in the pages' order.
    private static func digest(files: [OutputFile], pages: [OutputFile], idsDigests: [ContentDigest]) -> ContentDigest {
        var page = 0
        var hasher = ContentHasher()
        for file in files {
            hasher.combine(file.path)
            guard page < pages.count, pages[page].path == file.path else { continue }
            hasher.combine(idsDigests[page])
            page += 1
        }
        return hasher.finalize()
    }

    /// Every problem found; errors stop the build.
    func validate(_ files: [OutputFile]) async -> [Diagnostic] {
        // The feeds and the sitemap are validated while the pages are, each on one thread.
        async let feeds = feedProblems(files)
        async let sitemaps = sitemapProblems(files)
        let pages = await pageProblems(files)
        return await pages + feeds + sitemaps
    }

    /// The sitemap's problems, against its schema.
    private func sitemapProblems(_ files: [OutputFile]) -> [Diagnostic] {
        let sitemap = SitemapValidator()
        return files.filter { $0.kind == .sitemap }.flatMap { file in
            // A rebuild that left the pages' addresses and dates alone made the same sitemap.
            let text = file.text ?? ""
            return documentProblems(text, at: file.path) { sitemap.validate(text) }.map { said($0, of: file) }
        }
    }

    /// The markup and link problems of every page.
    private func pageProblems(_ files: [OutputFile]) async -> [Diagnostic] {
        let pages = files.filter { $0.kind == .html || $0.kind == .redirect }
        let cache = self.cache
        // A page's inspection and its links depend on its text; one digest keys both.
        let pageDigests =
            cache == nil
            ? []
            : await parallelMap(pages) { page -> ContentDigest in
                switch page.contents {
                case .published(_, let digest, _), .staged(_, _, let digest?): digest
                case .bytes(let bytes):
                    cache?.pageDigests.digest(of: bytes, at: page.path) ?? ContentDigest(of: bytes[...])
                case .copy, .staged(_, _, nil): ContentDigest(of: (page.text ?? "").utf8)
                }
            }
        let inspections = await parallelMap(Array(pages.indices)) { index -> (HTMLInspector.Report, ContentDigest?) in
            // A page reused from the output folder is read only when its inspection is not cached.
            // Pages are inspected as the bytes the build wrote (its own UTF-8), without being
            // made into text first; a copied file is not the build's page.
            func inspect() -> HTMLInspector.Report {
                let page = pages[index]
                var bytes: [UInt8] = []
                if case .copy = page.contents {} else { bytes = page.bytes ?? [] }
                return LargeWork.run(size: bytes.count) { HTMLInspector.inspect(utf8: bytes, name: page.path) }
            }
            guard let cache else { return (inspect(), nil) }
            let inspection = cache.inspections.value(for: pages[index].path, key: pageDigests[index]) {
                PageInspection(inspect())
            }
            return (inspection.report, inspection.idsDigest)
        }
        let reports = inspections.map(\.0)
        // The markup problems are gathered while the tables links are checked with are made
        // and the links checked: each of the three is a walk over every page on one core.
        async let markup = markupProblems(pages, reports)
        async let existingPaths = Set(files.map(\.path))
        async let targets =
            cache == nil
            ? nil : Self.digest(files: files, pages: pages, idsDigests: inspections.compactMap(\.1))
        let reportsByPath = Dictionary(uniqueKeysWithValues: zip(pages.map(\.path), reports))
        let links = LinkChecker(config: config, existingPaths: await existingPaths, reportsByPath: reportsByPath)
        let validator = self
        // A page's links need checking again only when the page or what it can link to changed.
        let linkTargets = await targets
        let strictness = config.validation.links
        let contentLinks = self.contentLinks
        let linkProblems = await parallelMap(Array(pages.indices)) { index in
            let file = pages[index]
            guard strictness != .off else { return [Diagnostic]() }
            let severity: Diagnostic.Severity = strictness == .warning ? .warning : .error
            let source = file.source.flatMap { contentLinks[$0] }
            // A function, not a closure: a closure would copy the validator and the checker for
            // every page.
            func check() -> [Diagnostic] {
                // Read only when the links are checked: most pages' are not, on a rebuild.
                let sourceLines = source?.lines ?? [:]
                let pageURL = links.pageURL(of: file.path)
                // Read here: a report from the cache file unpacks its references when asked.
                return reports[index].references.compactMap { reference in
                    links.problem(with: reference.url, onPageAt: pageURL).map { message in
                        // A link the author wrote is reported where it was written.
                        if let source = file.source, let line = sourceLines[reference.url] {
                            return Diagnostic(severity, file: source, line: line, message, rule: "links")
                        }
                        return validator.said(
                            Diagnostic(severity, file: file.path, line: reference.line, message, rule: "links"),
                            of: file)
                    }
                }
            }
            guard let cache, let linkTargets else { return check() }
            let key = SiteDigests.combining(
                pageDigests[index], linkTargets, source?.digest, strictness.rawValue)
            return cache.links.value(for: file.path, key: key, compute: check)
        }
        if endsTheProcess { ProcessEnd.keep(pages, reports, reportsByPath, links, linkProblems) }
        return await markup + linkProblems.joined()
    }

    /// The markup problems of `pages`, whose reports `reports` are: those of markup from
    /// content said once, on the article's own lines.
    private func markupProblems(_ pages: [OutputFile], _ reports: [HTMLInspector.Report]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let html = config.validation.html
        var reportedSources: Set<String> = []
        for (file, report) in zip(pages, reports) {
            // Markup Gazette writes itself is always held to account; what came from content
            // is as strict as `validation.html` says. A warning stays a warning, as in
            // `build-site validate`.
            let fromContent = file.source?.hasPrefix("content/") == true
            guard !fromContent || html != .off else { continue }
            var found = report.diagnostics
            if let source = file.source, let located = contentMarkup[source] {
                // Said once, on the article's own lines, rather than on its page's.
                let keys = Set(located.map(Self.key))
                found = found.filter { !keys.contains(Self.key($0)) }
                if reportedSources.insert(source).inserted { diagnostics += located.map { strict($0, html) } }
            }
            diagnostics += found.map { strict(said($0, of: file), fromContent ? html : .error) }
        }
        return diagnostics
    }

    /// Every feed's problems, against its specification.
    private func feedProblems(_ files: [OutputFile]) async -> [Diagnostic] {
        let validator = self
        let feeds = files.compactMap { file -> (OutputFile, FeedFormat)? in
            if case .feed(let format) = file.kind { return (file, format) }
            return nil
        }
        let config = self.config
        // The HTML inside entries is the pages' HTML, inspected with the pages. Feeds are
        // validated in a few groups, so each group compiles the Atom schema once.
        let groupSize = feeds.count / 8 + 1
        let groups = stride(from: 0, to: feeds.count, by: groupSize).map {
            Array(feeds[$0..<min(feeds.count, $0 + groupSize)])
        }
        let feedIssues = await parallelMap(groups) { group in
            let feedValidator = FeedValidator()
            return group.flatMap { file, format in
                let options = FeedValidationOptions(
                    expectedSelfURL: config.paths.absoluteURL(SitePaths.sitePath(ofFile: file.path)),
                    byteBudget: config.feed.maximumBytes, checksContentHTML: false
                )
                let text = file.text ?? ""
                return validator.documentProblems(text, at: file.path) {
                    feedValidator.validate(text, as: format, named: file.path, options: options)
                }.map { validator.said($0, of: file) }
            }
        }
        return Array(feedIssues.joined())
    }

    /// The problems `validate` finds in a feed or the sitemap, reused while its text and the
    /// configuration are the same.
    private func documentProblems(_ text: String, at path: String, _ validate: () -> [Diagnostic]) -> [Diagnostic] {
        guard let cache, let configDigest else { return validate() }
        let key = SiteDigests.combining(ContentDigest(of: text.utf8), configDigest)
        return cache.feedValidations.value(for: path, key: key, compute: validate)
    }

    /// `diagnostic` as strict as `strictness` allows: a warning when it says so.
    private func strict(_ diagnostic: Diagnostic, _ strictness: SiteConfig.Strictness) -> Diagnostic {
        var adjusted = diagnostic
        if strictness == .warning { adjusted.severity = .warning }
        return adjusted
    }

    /// What a problem is, wherever it was found: its rule and its message without the line
    /// numbers it names.
    private static func key(_ diagnostic: Diagnostic) -> String {
        (diagnostic.rule ?? "") + "\u{0}" + diagnostic.message.filter { !$0.isNumber }
    }

    /// `diagnostic`, said of `file` in the output folder, with the content file it was made from.
    private func said(_ diagnostic: Diagnostic, of file: OutputFile) -> Diagnostic {
        var placed = diagnostic.in("\(outputName)/\(file.path)")
        placed.origin = file.source
        return placed
    }
}
