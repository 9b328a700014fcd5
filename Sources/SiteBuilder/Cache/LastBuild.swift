import Foundation
import GazetteCore
import SiteContent
import SiteModel

/// What the last successful build of a site into an output folder saw and said, kept in the
/// cache folder: when nothing it read has changed since, the output folder is as it left it,
/// and no article has come due or expired, building again would publish the same bytes, so
/// `build-site` reports the same summary and stops.
struct LastBuild: Codable {
    /// The digest of every input, from file system entries alone (`inputs(of:)`).
    let inputs: ContentDigest
    /// The digest of the output folder as the build left it.
    let output: ContentDigest
    /// When the set of published articles changes by the clock alone: the earliest future date
    /// or expiry among the site's articles; `nil` when none lies ahead.
    let nextChange: Timestamp?
    let articles: Int
    let pages: Int
    let feeds: Int
    let files: Int
    let warnings: [Diagnostic]
    let leftOut: BuildSummary.LeftOut
    /// The pages the build published, by which the next build reuses them.
    let publishedPages: [PublishedPages.Record]

    static let fileName = "last-build"

    /// A record of a build that read inputs with digest `inputs` and published `site` to
    /// `output`.
    init(inputs: ContentDigest, site: RenderedSite, output: URL) {
        self.inputs = inputs
        self.output = Self.output(output)
        nextChange = site.nextChange
        articles = site.summary.articles
        pages = site.summary.pages
        feeds = site.summary.feeds
        files = site.summary.files
        warnings = site.summary.warnings
        leftOut = site.summary.leftOut
        publishedPages = site.publishedPages.sorted { $0.path < $1.path }
    }

    /// The summary the build printed.
    var summary: BuildSummary {
        BuildSummary(
            articles: articles, pages: pages, feeds: feeds, files: files, warnings: warnings, leftOut: leftOut)
    }

    /// The digest of everything a build with `options` reads: the configuration, `content/`,
    /// `templates/` and `static/` as the file system describes them, the git commit that
    /// dates undated files, the options, and which `build-site` is running.
    static func inputs(of options: BuildOptions) -> ContentDigest {
        var hasher = ContentHasher()
        hasher.combine(CacheFile.identity)
        hasher.combine("\(options.includeDrafts) \(options.includeFuture) \(options.validate)")
        hasher.combine(options.outputFolder.path)
        for name in SiteLayout.configFiles + SiteLayout.inputFolders {
            hasher.combine(name)
            TreeStamp.add(options.siteFolder.appending(path: name), to: &hasher)
        }
        hasher.combine(CommitDates.head(contentFolder: options.siteFolder.appending(path: SiteLayout.content)) ?? "")
        return hasher.finalize()
    }

    /// The digest of the output folder's entries.
    static func output(_ folder: URL) -> ContentDigest {
        var hasher = ContentHasher()
        TreeStamp.add(folder, to: &hasher)
        return hasher.finalize()
    }

    /// The record in `folder`, if there is a readable one.
    static func load(from folder: URL) -> LastBuild? {
        guard let data = FileManager.default.contents(atPath: folder.appending(path: fileName).path) else { return nil }
        return try? data.withUnsafeBytes {
            try BinaryArchive.decode(LastBuild.self, from: $0.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Whether a build with `options` at `now` would publish what this record's build did,
    /// the output folder's digest being `output` now.
    func stillHolds(inputs: ContentDigest, output: ContentDigest, now: Timestamp) -> Bool {
        self.inputs == inputs && (nextChange.map { $0.isLater(than: now) } ?? true) && self.output == output
    }

    /// Saves the record in `folder`, replacing any earlier one at once.
    func save(to folder: URL) throws {
        try AtomicFileWriter.write([try BinaryArchive.encode(self)], to: folder.appending(path: Self.fileName))
    }
}
