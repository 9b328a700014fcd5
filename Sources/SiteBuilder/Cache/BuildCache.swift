import GazetteCore
import SiteModel
import Synchronization
import Syndication

/// What one build hands to the next so that unchanged work is not done again: one table per
/// stage, each keyed by stable digests of the inputs that stage declares. `build-site serve`
/// keeps one for as long as it runs; `build-site` loads one from its cache folder and saves
/// it back (`CacheFile`).
public final class BuildCache: Sendable {
    /// Articles read from their files.
    let read = StageCache<Result<ReadArticle, BuildFailure>>()
    /// Article bodies rendered to HTML.
    let render = StageCache<RenderedArticle>()
    /// Article pages.
    let articlePages: StageCache<Result<OutputFile, BuildFailure>>
    /// Pages of lists (home, sections, tags).
    let listPages: StageCache<Result<OutputFile, BuildFailure>>
    /// Feed entries, one per article.
    let entries: StageCache<FeedEntry>
    /// The feed files of one feed folder, with their warnings.
    let feeds: StageCache<FeedFiles>
    /// The sitemap's files.
    let sitemaps: StageCache<[OutputFile]>
    /// Inspections of HTML pages.
    let inspections = StageCache<PageInspection>()
    /// Link problems of HTML pages.
    let links = StageCache<[Diagnostic]>()
    /// Validations of feeds and of the sitemap, by path.
    let feedValidations = StageCache<[Diagnostic]>()
    /// Digests of page bytes, which key inspections and link checks.
    let pageDigests: BytesDigestMemo
    /// The cache file this cache was loaded from, against which it is saved as a delta.
    let base = Mutex<CacheFile.Base?>(nil)
    /// Which link table the renderings were last checked against (`trustsRenderings(checkedAgainst:)`).
    private let linkTable = Mutex(LinkTableState())

    /// Whether articles read keep their source texts, which only a rebuild in the same
    /// process can use.
    let keepsSources: Bool

    /// Creates an empty cache.
    /// - Parameter rebuildsInMemory: Whether the cache serves rebuilds in the same process, as
    ///   `build-site serve`'s does: then it also remembers what a cache file does not keep
    ///   (articles' source texts, pages and their digests, feed entries,
    ///   feeds, the sitemap). A build that publishes and exits reuses pages from the output folder
    ///   instead; remembering them would hold the whole site in memory.
    public init(rebuildsInMemory: Bool = true) {
        keepsSources = rebuildsInMemory
        articlePages = StageCache(remembering: rebuildsInMemory)
        listPages = StageCache(remembering: rebuildsInMemory)
        entries = StageCache(remembering: rebuildsInMemory)
        feeds = StageCache(remembering: rebuildsInMemory)
        sitemaps = StageCache(remembering: rebuildsInMemory)
        pageDigests = BytesDigestMemo(remembering: rebuildsInMemory)
    }

    /// Every stage's table.
    private var stages: [any SweptStage] {
        [
            read, render, articlePages, listPages, entries, feeds, sitemaps, inspections, links,
            feedValidations, pageDigests,
        ]
    }

    /// Called as a build starts.
    func beginBuild() {
        for stage in stages { stage.beginBuild() }
        linkTable.withLock { $0.current = nil }
    }

    /// Called when a build has finished: drops what it did not use.
    func sweep() {
        for stage in stages { stage.sweep() }
        linkTable.withLock { state in
            if state.checked != state.current { state.changed = true }
            state.checked = state.current
        }
    }

    /// The digest of the link table that every rendering the render table holds was checked
    /// against, or rendered with; `nil` when unknown.
    struct LinkTableState {
        /// The last finished build's table: once it swept, the renderings left are all its own.
        var checked: ContentDigest?
        /// The table of the build under way.
        var current: ContentDigest?
        /// Whether `checked` changed since the cache was loaded or saved.
        var changed = false
    }

    /// Whether the renderings the render table holds still answer their link lookups as
    /// rendered, without asking each: true when the build under way, whose link table has
    /// digest `table`, has the same table as the last finished build, which checked or made
    /// every one of them. A build with another table forgets the last one's at once: it adds
    /// renderings made with its own, and if it fails before sweeping, the table holds both.
    func trustsRenderings(checkedAgainst table: ContentDigest) -> Bool {
        linkTable.withLock { state in
            state.current = table
            guard state.checked == table else {
                if state.checked != nil { state.changed = true }
                state.checked = nil
                return false
            }
            return true
        }
    }

    /// The link table the renderings were checked against, as a cache file keeps it.
    var checkedLinkTable: ContentDigest? {
        get { linkTable.withLock { $0.checked } }
        set { linkTable.withLock { $0 = LinkTableState(checked: newValue) } }
    }

    /// Whether the tables a cache file keeps changed since they were loaded or last asked.
    func takePersistedChanges() -> Bool {
        let table = linkTable.withLock { state in
            defer { state.changed = false }
            return state.changed
        }
        let changes: [Bool] = [
            read.takeChanged(), render.takeChanged(), inspections.takeChanged(), links.takeChanged(),
            feedValidations.takeChanged(), table,
        ]
        return changes.contains(true)
    }

    /// How many values all stages remember.
    var count: Int {
        stages.reduce(0) { $0 + $1.count }
    }
}

/// An article as read from its file, with the warnings met reading it. (A cache file keeps
/// it packed: `ReadArticleCoding.swift`.)
struct ReadArticle: Sendable {
    let article: Article
    let warnings: [Diagnostic]
    /// Whether `article` still holds its body: a cache file does not keep bodies (they are
    /// needed only to render again, which is rare), so an article restored from one must be
    /// read again before it is rendered.
    var hasBody = true
    /// Whether the article's date is its file's last commit's, having none of its own, and
    /// that commit's date as the reading had it (`nil`: none, so the modification time).
    var commitDate: (asked: Bool, date: Timestamp?) = (false, nil)

    /// The same article without its body, as a cache file keeps it.
    func droppingBody() -> ReadArticle {
        ReadArticle(article: article.withBody(""), warnings: warnings, hasBody: false, commitDate: commitDate)
    }
}

/// The feed files of one folder and the warnings met writing them.
struct FeedFiles: Sendable {
    let files: [OutputFile]
    let warnings: [Diagnostic]
}

/// A stage table seen without its value type.
protocol SweptStage: Sendable {
    func beginBuild()
    func sweep()
    var count: Int { get }
}

extension StageCache: SweptStage {}
