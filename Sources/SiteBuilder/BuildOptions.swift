public import Foundation
public import GazetteCore
public import SiteModel

/// What to build, from where, to where.
public struct BuildOptions: Sendable {
    /// The site folder, holding `site.yml`, `content/`, `templates/` and `static/`.
    public var siteFolder: URL
    /// The folder the site is written to; replaced whole when the build succeeds.
    public var outputFolder: URL
    /// Whether drafts are published.
    public var includeDrafts: Bool
    /// Whether every output file is validated before publishing.
    public var validate: Bool
    /// Whether articles dated after `now` are published.
    public var includeFuture: Bool
    /// The moment that decides which articles are future or expired. It only selects articles;
    /// no date in the output ever comes from it.
    public var now: Timestamp
    /// Where `SiteBuild.run` keeps its build cache between runs; `nil` builds from nothing and
    /// keeps none.
    public var cacheFolder: URL?

    /// Whether problems in what content brings (broken links, markup written into articles)
    /// are warnings whatever `validation` in `site.yml` says, so a preview keeps showing the
    /// newest version while the writer fixes them; `serve` sets it.
    public var contentProblemsAreWarnings = false

    /// Whether the process ends once `SiteBuild.run` returns, as `build-site build` does: what
    /// the build held is then left for the system to take back with the process, which it does
    /// at once, instead of being freed object by object; the allocator keeps what the build
    /// frees for its later allocations; and the cache starts loading before the build knows
    /// whether anything changed. Never set where builds repeat.
    public var endsTheProcess = false

    /// Whether `SiteBuild.render` returns what shows an edited article's page at once
    /// (`RenderedSite.preview`), which holds the site's articles and theme; `serve` sets it.
    public var keepsPreview = false

    /// Creates options.
    /// - Parameters:
    ///   - siteFolder: The site folder.
    ///   - outputFolder: Where to write the site; `public/` inside the site folder by default.
    ///   - includeDrafts: Whether drafts are published.
    ///   - validate: Whether to validate before publishing.
    ///   - includeFuture: Whether articles dated in the future are published.
    ///   - now: The current moment; the clock by default.
    ///   - cacheFolder: Where to keep the build cache; none by default.
    public init(
        siteFolder: URL, outputFolder: URL? = nil, includeDrafts: Bool = false, validate: Bool = true,
        includeFuture: Bool = false, now: Timestamp = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)),
        cacheFolder: URL? = nil
    ) {
        self.siteFolder = siteFolder.standardizedFileURL
        self.outputFolder = (outputFolder ?? siteFolder.appending(path: "public")).standardizedFileURL
        self.includeDrafts = includeDrafts
        self.validate = validate
        self.includeFuture = includeFuture
        self.now = now
        self.cacheFolder = cacheFolder
    }

    /// The cache folder `build-site` uses for a site and output folder unless told otherwise:
    /// one folder per pair under `$XDG_CACHE_HOME/gazette` (`~/.cache/gazette` by default),
    /// never inside the site, so that nothing but the output folder is written there.
    public static func defaultCacheFolder(siteFolder: URL, outputFolder: URL, environment: [String: String]) -> URL {
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? URL(filePath: $0) : nil }
            ?? URL(filePath: environment["HOME"] ?? NSTemporaryDirectory()).appending(path: ".cache")
        let site = siteFolder.standardizedFileURL.resolvingSymlinksInPath().path
        let output = outputFolder.standardizedFileURL.path
        let name = String(ContentDigest(of: [site, output]).description.prefix(20))
        return base.appending(path: "gazette").appending(path: name)
    }

    /// The articles of `articles` this build leaves out, by why.
    func leftOut(_ articles: [Article]) -> BuildSummary.LeftOut {
        var leftOut = BuildSummary.LeftOut()
        for article in articles where !publishes(article) {
            if article.draft && !includeDrafts {
                leftOut.drafts += 1
            } else if article.date.isLater(than: now) && !includeFuture {
                leftOut.scheduled += 1
            } else {
                leftOut.expired += 1
            }
        }
        return leftOut
    }

    /// Whether an article is published by a build with these options: drafts only with
    /// `includeDrafts`, future articles only with `includeFuture`, expired ones never.
    public func publishes(_ article: Article) -> Bool {
        (includeDrafts || !article.draft)
            && (includeFuture || !article.date.isLater(than: now))
            && (article.expires.map { $0.isLater(than: now) } ?? true)
    }
}

/// What a successful build did.
public struct BuildSummary: Sendable {
    /// Articles published.
    public let articles: Int
    /// HTML pages written.
    public let pages: Int
    /// Feeds written.
    public let feeds: Int
    /// All files written.
    public let files: Int
    /// Warnings met on the way.
    public let warnings: [Diagnostic]
    /// Articles in `content/` that were not published, by why.
    public var leftOut = LeftOut()

    /// How many articles a build left out, by why.
    public struct LeftOut: Sendable, Hashable, Codable {
        /// Drafts (`draft: true`), which `--drafts` publishes.
        public var drafts = 0
        /// Articles dated after the build, which `--future` publishes.
        public var scheduled = 0
        /// Articles whose `expires` date has passed.
        public var expired = 0
    }

    /// The same summary with more warnings.
    func adding(_ more: [Diagnostic]) -> BuildSummary {
        BuildSummary(
            articles: articles, pages: pages, feeds: feeds, files: files, warnings: warnings + more, leftOut: leftOut)
    }
}

/// A site built in memory: every file it consists of.
public struct RenderedSite: Sendable {
    /// The configuration it was built with.
    public let config: SiteConfig
    /// Every file, by path relative to the output folder.
    public let files: [OutputFile]
    /// What the build did.
    public let summary: BuildSummary
    /// The first moment after the build's `now` at which an article comes due or expires, so
    /// that the same sources would publish a different site; `nil` when none does.
    public let nextChange: Timestamp?
    /// With a cache, the records by which the next build reuses the pages once published.
    let publishedPages: [PublishedPages.Record]
    /// With `keepsPreview`, what shows an edited article's page before the next build.
    public let preview: ArticlePreview?
}

/// Progress reports from a running build.
public enum BuildEvent: Sendable {
    /// A stage started.
    case stage(String)
}
