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
    /// The output folder and the previous output beside it, as the build left them.
    let trees: PublishedTrees
    /// When the set of published articles changes by the clock alone: the earliest future date
    /// or expiry among the site's articles; `nil` when none lies ahead.
    let nextChange: Timestamp?
    let articles: Int
    let pages: Int
    let feeds: Int
    let files: Int
    /// The build's warnings, kept as one run of bytes: a large site has thousands.
    private let packedWarnings: PackedDiagnostics
    let leftOut: BuildSummary.LeftOut
    /// The pages the build published, by which the next build reuses them.
    var publishedPages: [PublishedPages.Record] { packedPages.records }
    private let packedPages: PublishedPages.Record.Packed

    static let fileName = "last-build"

    /// A record of a build that read inputs with digest `inputs` and published `site`,
    /// leaving the output folders as `trees` describes, as `publication` tells.
    init(inputs: ContentDigest, site: RenderedSite, trees: PublishedTrees, publication: OutputWriter.Publication) {
        self.inputs = inputs
        self.trees = trees
        nextChange = site.nextChange
        articles = site.summary.articles
        pages = site.summary.pages
        feeds = site.summary.feeds
        files = site.summary.files
        packedWarnings = PackedDiagnostics(site.summary.warnings)
        leftOut = site.summary.leftOut
        // In the order the build made them, which the same inputs always give.
        packedPages = PublishedPages.Record.Packed(
            site.publishedPages.map { page in
                var page = page
                page.stamp = publication.stamps[page.path]
                page.sharedWithPrevious = trees.previous != nil && !publication.unshared.contains(page.path)
                return page
            })
    }

    /// The summary the build printed.
    var summary: BuildSummary {
        BuildSummary(
            articles: articles, pages: pages, feeds: feeds, files: files, warnings: packedWarnings.diagnostics,
            leftOut: leftOut)
    }

    /// The digest of everything a build with `options` reads: the configuration, `content/`,
    /// `templates/` and `static/` as the file system describes them, the git commit that
    /// dates undated files, the options, and which `build-site` is running; with the stamp of
    /// each file of `content/` seen, by its path there, which reading the articles need not
    /// look at again.
    static func inputs(of options: BuildOptions) -> (digest: ContentDigest, content: [String: FileStamp]) {
        var hasher = ContentHasher()
        var content: [String: FileStamp] = [:]
        hasher.combine(CacheFile.identity)
        hasher.combine("\(options.includeDrafts) \(options.includeFuture) \(options.validate)")
        hasher.combine(options.outputFolder.path)
        for name in SiteLayout.configFiles + SiteLayout.inputFolders {
            hasher.combine(name)
            TreeStamp.add(
                options.siteFolder.appending(path: name), to: &hasher,
                files: name == SiteLayout.content
                    ? { stamps in
                        content.reserveCapacity(content.count + stamps.count)
                        for (path, stamp) in stamps { content[path] = stamp }
                    } : nil)
        }
        hasher.combine(CommitDates.head(contentFolder: options.siteFolder.appending(path: SiteLayout.content)) ?? "")
        return (hasher.finalize(), content)
    }

    /// The record in `folder`, if there is a readable one.
    static func load(from folder: URL) -> LastBuild? {
        Stored(in: folder)?.record()
    }

    /// A record as its file holds it: what decides whether anything changed is read from it
    /// alone, and the whole record (thousands of pages' records and warnings) only when needed.
    struct Stored {
        private let bytes: Data

        /// What decides whether a build would publish the same bytes again.
        private struct Head: Decodable {
            let inputs: ContentDigest
            let nextChange: Timestamp?
        }

        /// The record file in `folder`, if there is one.
        init?(in folder: URL) {
            guard let bytes = FileManager.default.contents(atPath: folder.appending(path: fileName).path) else {
                return nil
            }
            self.bytes = bytes
        }

        /// Whether a build reading inputs with digest `inputs` at `now` would publish what the
        /// record's build did, provided the output folder is as that build left it; `false`
        /// when the record cannot be read.
        func stillHolds(inputs: ContentDigest, now: Timestamp) -> Bool {
            guard let head = decode(Head.self) else { return false }
            return head.inputs == inputs && (head.nextChange.map { $0.isLater(than: now) } ?? true)
        }

        /// The whole record, if it can be read.
        func record() -> LastBuild? {
            decode(LastBuild.self)
        }

        private func decode<Value: Decodable>(_ type: Value.Type) -> Value? {
            try? bytes.withUnsafeBytes { try BinaryArchive.decode(type, from: $0.assumingMemoryBound(to: UInt8.self)) }
        }
    }

    /// Saves the record in `folder`, replacing any earlier one at once.
    func save(to folder: URL) throws {
        try AtomicFileWriter.write([try BinaryArchive.encode(self)], to: folder.appending(path: Self.fileName))
    }
}
