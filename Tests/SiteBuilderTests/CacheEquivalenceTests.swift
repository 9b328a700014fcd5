import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder

/// A build through a cache that earlier builds filled must publish exactly what a build from
/// nothing publishes, whatever was edited in between.
@Suite struct CacheEquivalenceTests {
    private static let files: [String: String] = [
        "site.yml": "title: Cached\nbase_url: https://example.org/\n",
        "content/posts/2024-03-01-one.md": "---\ntitle: One\ntags: [a, b]\n---\nFirst.\n",
        "content/posts/2024-03-02-two.md": "---\ntitle: Two\ntags: [a]\n---\nSecond, from {{ site.url }}.\n",
        "content/posts/2024-03-03-three.md":
            "---\ntitle: Three\ntags: [b]\n---\nThird, after [one](2024-03-01-one.md).\n",
        "content/notes/undated.md": "An undated note, dated by its modification time.\n",
        "static/robots-extra.txt": "extra\n",
    ]

    /// One kind of edit, applied to the site folder.
    private struct Edit: CustomTestStringConvertible, Sendable {
        let name: String
        let apply: @Sendable (TemporarySite) throws -> Void
        var testDescription: String { name }
    }

    private static let edits: [Edit] = [
        Edit(name: "article body") {
            try $0.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ntags: [a]\n---\nSecond, edited.\n")
        },
        Edit(name: "title") {
            try $0.write("content/posts/2024-03-02-two.md", "---\ntitle: Two renamed\ntags: [a]\n---\nSecond.\n")
        },
        Edit(name: "date") {
            try $0.write(
                "content/posts/2024-03-02-two.md", "---\ntitle: Two\ndate: 2024-02-01\ntags: [a]\n---\nSecond.\n")
        },
        Edit(name: "tags") {
            try $0.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ntags: [c]\n---\nSecond.\n")
        },
        Edit(name: "draft flag") {
            try $0.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ndraft: true\n---\nSecond.\n")
        },
        Edit(name: "template") {
            try $0.write(
                "templates/partials/summary.mustache", "<li class=\"summary\"><a href=\"{{url}}\">{{title}}</a></li>\n")
        },
        Edit(name: "site.yml") {
            try $0.write("site.yml", "title: Cached again\nbase_url: https://example.org/blog/\n")
        },
        Edit(name: "base URL host") {
            try $0.write("site.yml", "title: Cached\nbase_url: https://elsewhere.example.org/\n")
        },
        Edit(name: "static file") { try $0.write("static/robots-extra.txt", "changed\n") },
        Edit(name: "deleted article") {
            try FileManager.default.removeItem(at: $0.folder.appending(path: "content/posts/2024-03-03-three.md"))
        },
        Edit(name: "renamed article") {
            try FileManager.default.moveItem(
                at: $0.folder.appending(path: "content/posts/2024-03-03-three.md"),
                to: $0.folder.appending(path: "content/posts/2024-03-03-third.md")
            )
        },
        Edit(name: "modification time") {
            let file = $0.folder.appending(path: "content/notes/undated.md").path
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)], ofItemAtPath: file)
        },
    ]

    /// Every file of a build, by path, with its bytes (copied files read from their source).
    private func snapshot(_ site: RenderedSite) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for file in site.files { files[file.path] = Data(try #require(file.bytes)) }
        return files
    }

    private func render(_ site: TemporarySite, cache: BuildCache?) async throws -> RenderedSite {
        try await SiteBuild.render(BuildOptions(siteFolder: site.folder, includeDrafts: false), cache: cache)
    }

    @Test(arguments: edits)
    private func cachedBuildEqualsColdBuildAfter(_ edit: Edit) async throws {
        let site = try TemporarySite(Self.files)
        let cache = BuildCache()
        _ = try await render(site, cache: cache)
        _ = try await render(site, cache: cache)
        try edit.apply(site)
        let cached = try snapshot(try await render(site, cache: cache))
        let cold = try snapshot(try await render(site, cache: nil))
        #expect(cached.keys.sorted() == cold.keys.sorted())
        for (path, bytes) in cold where cached[path] != bytes {
            Issue.record("\(path) differs after editing the \(edit.name)")
        }
    }

    /// Publishes the site through the build cache in `cacheFolder`, as `build-site` does: each
    /// run starts a new cache from the file the last one saved.
    private func publish(_ site: TemporarySite, to output: URL, cacheFolder: URL?) async throws -> BuildSummary {
        try await SiteBuild.run(BuildOptions(siteFolder: site.folder, outputFolder: output, cacheFolder: cacheFolder))
    }

    @Test(arguments: edits)
    private func aBuildThroughTheCacheFileEqualsAColdBuildAfter(_ edit: Edit) async throws {
        let site = try TemporarySite(Self.files)
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let file = cacheFolder.appending(path: CacheFile.fileName).path
        let saved = try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? Int
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        // Everything came from the cache, so there was nothing new to save.
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? Int == saved)
        try edit.apply(site)
        let summary = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        #expect(!summary.warnings.contains { $0.message.contains("cache") })
        let cold = site.folder.appending(path: "cold")
        _ = try await publish(site, to: cold, cacheFolder: nil)
        let cached = try TemporarySite.files(under: site.output)
        let expected = try TemporarySite.files(under: cold)
        #expect(cached.keys.sorted() == expected.keys.sorted())
        for (path, bytes) in expected where cached[path] != bytes {
            Issue.record("\(path) differs after editing the \(edit.name)")
        }
    }

    /// A site large enough that one edited article is a small part of the cache.
    private static func largeSite(posts: Int = 40) throws -> TemporarySite {
        var files = Self.files
        for number in 1...posts {
            files["content/posts/2024-04-\(String(format: "%02d", number % 28 + 1))-post-\(number).md"] =
                "---\ntitle: Post \(number)\ntags: [t\(number % 5)]\n---\n## Part\n\nText of post \(number), "
                + String(repeating: "with many more words in it, ", count: 40) + "[one](2024-03-01-one.md).\n"
        }
        return try TemporarySite(files)
    }

    /// A build that changed little saves a delta beside the cache file instead of rewriting it;
    /// the builds that read the two publish what a build from nothing does.
    @Test func smallChangesAreSavedAsADelta() async throws {
        let site = try Self.largeSite()
        let cacheFolder = site.folder.appending(path: "cache")
        let base = cacheFolder.appending(path: CacheFile.fileName).path
        let delta = cacheFolder.appending(path: CacheFile.deltaFileName).path
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let baseFile = try FileManager.default.attributesOfItem(atPath: base)[.systemFileNumber] as? Int
        #expect(!FileManager.default.fileExists(atPath: delta))
        for (round, post) in [7, 8, 7, 20].enumerated() {
            try site.write(
                "content/posts/2024-04-\(String(format: "%02d", post % 28 + 1))-post-\(post).md",
                "---\ntitle: Post \(post)\ntags: [t\(post % 5)]\n---\nEdited in round \(round).\n")
            let summary = try await publish(site, to: site.output, cacheFolder: cacheFolder)
            #expect(!summary.warnings.contains { $0.message.contains("cache") })
            #expect(try FileManager.default.attributesOfItem(atPath: base)[.systemFileNumber] as? Int == baseFile)
            #expect(FileManager.default.fileExists(atPath: delta))
            let cold = site.folder.appending(path: "cold-\(round)")
            _ = try await publish(site, to: cold, cacheFolder: nil)
            #expect(try TemporarySite.files(under: site.output) == TemporarySite.files(under: cold))
        }
        // An edit that changes every page writes a new cache file and no delta.
        try site.write("site.yml", "title: Cached, renamed\nbase_url: https://example.org/\n")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        #expect(try FileManager.default.attributesOfItem(atPath: base)[.systemFileNumber] as? Int != baseFile)
        #expect(!FileManager.default.fileExists(atPath: delta))
    }

    /// A delta saves only the rows its build added or changed, and names those the build no
    /// longer holds: read back over its base, every table holds exactly the ids and keys a
    /// build in memory of the same site holds, after an article is removed, one added and
    /// one edited.
    @Test func aDeltaCarriesWhatWasAddedAndWhatWasRemoved() async throws {
        let site = try Self.largeSite(posts: 160)
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        // Among the oldest articles, so that few list pages change and a delta is written.
        try FileManager.default.removeItem(at: site.folder.appending(path: "content/posts/2024-03-03-three.md"))
        try site.write("content/posts/2024-02-01-zero.md", "---\ntitle: Zero\n---\nNew.\n")
        try site.write("content/posts/2024-04-08-post-7.md", "---\ntitle: Post 7\ntags: [t2]\n---\nEdited.\n")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        #expect(FileManager.default.fileExists(atPath: cacheFolder.appending(path: CacheFile.deltaFileName).path))

        // A loading stopped (a build found nothing changed) fills nothing, warns of nothing and
        // leaves the files as they are.
        let stop = CacheFile.Stop()
        stop.raise()
        let unused = BuildCache(rebuildsInMemory: false)
        #expect(CacheFile.load(into: unused, from: cacheFolder, stop: stop) == nil)
        #expect(unused.read.snapshot().isEmpty && unused.render.snapshot().isEmpty)
        #expect(unused.base.withLock { $0 } == nil)
        #expect(FileManager.default.fileExists(atPath: cacheFolder.appending(path: CacheFile.deltaFileName).path))

        let loaded = BuildCache(rebuildsInMemory: false)
        #expect(CacheFile.load(into: loaded, from: cacheFolder) == nil)
        let memory = BuildCache()
        _ = try await render(site, cache: memory)
        func rows<Value>(_ table: (BuildCache) -> StageCache<Value>) -> (loaded: [String], made: [String]) {
            (
                table(loaded).snapshot().map { "\($0.id) \($0.key)" },
                table(memory).snapshot().map { "\($0.id) \($0.key)" }
            )
        }
        let read = rows(\.read)
        #expect(read.loaded.count == 164)
        #expect(read.loaded.contains { $0.hasPrefix("content/posts/2024-02-01-zero.md ") })
        #expect(!read.loaded.contains { $0.hasPrefix("content/posts/2024-03-03-three.md ") })
        #expect(read.loaded == read.made)
        #expect(rows(\.render).loaded == rows(\.render).made)
        #expect(rows(\.inspections).loaded == rows(\.inspections).made)
        #expect(rows(\.links).loaded == rows(\.links).made)
    }

    /// Adding an article renders again only the new article and the one that looked it up
    /// before it was there (a link to its file, a `post_url`): the delta the build saves holds
    /// no other rendering. Removing it again does the same. Each build publishes what a build
    /// from nothing does, the waiting article's link resolved only while the other is there.
    @Test func addingOrRemovingAnArticleRendersAgainOnlyWhatLookedItUp() async throws {
        let site = try Self.largeSite(posts: 60)
        try site.write("site.yml", "title: Cached\nbase_url: https://example.org/\nvalidation:\n  links: warning\n")
        let waiting = "content/posts/2024-03-05-waiting.md"
        try site.write(
            waiting, "---\ntitle: Waiting\n---\nSee [the news](2024-03-04-news.md), {% post_url 2024-03-04-news %}.\n")
        let news = "content/posts/2024-03-04-news.md"
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        for (round, adding) in [true, false].enumerated() {
            if adding {
                try site.write(news, "---\ntitle: News\n---\nThe news.\n")
            } else {
                try FileManager.default.removeItem(at: site.folder.appending(path: news))
            }
            _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
            #expect(FileManager.default.fileExists(atPath: cacheFolder.appending(path: CacheFile.deltaFileName).path))
            let loaded = BuildCache(rebuildsInMemory: false)
            #expect(CacheFile.load(into: loaded, from: cacheFolder) == nil)
            let base = try #require(loaded.base.withLock { $0 })
            let renderedAgain = loaded.render.snapshot().filter { $0.archived?.file !== base.file }.map(\.id)
            #expect(renderedAgain == (adding ? [news, waiting] : [waiting]), "\(round)")
            let page = try site.read("posts/waiting/index.html")
            #expect(page.contains("href=\"/posts/news/\"") == adding)
            let cold = site.folder.appending(path: "cold-\(round)")
            _ = try await publish(site, to: cold, cacheFolder: nil)
            #expect(try TemporarySite.files(under: site.output) == TemporarySite.files(under: cold))
        }
    }

    /// Renderings are trusted to answer their link lookups as made only while the link table
    /// is the one the last finished build checked them against. A build that rendered with
    /// another table and then failed leaves renderings of both behind: the next build, back
    /// on the first table, checks them all again, and publishes what a build from nothing does.
    @Test func aFailedBuildWithAnotherLinkTableLeavesNoRenderingTrusted() async throws {
        let site = try TemporarySite(Self.files)
        let news = "content/posts/2024-03-04-news.md"
        let waiting = "content/posts/2024-03-05-waiting.md"
        try site.write(news, "---\ntitle: News\n---\nThe news.\n")
        try site.write(waiting, "---\ntitle: Waiting\n---\nSee [the news](2024-03-04-news.md).\n")
        let cache = BuildCache()
        _ = try await render(site, cache: cache)
        #expect(cache.checkedLinkTable != nil)
        // Another table (the news moves), and a broken link that fails the build once rendered.
        try site.write(news, "---\ntitle: News\nslug: moved\n---\nThe news.\n")
        let broken = "content/posts/2024-03-06-broken.md"
        try site.write(broken, "---\ntitle: Broken\n---\nSee [nothing](/nowhere/).\n")
        await #expect(throws: BuildFailure.self) { _ = try await render(site, cache: cache) }
        #expect(cache.checkedLinkTable == nil)
        try site.write(news, "---\ntitle: News\n---\nThe news.\n")
        try FileManager.default.removeItem(at: site.folder.appending(path: broken))
        let cached = try snapshot(try await render(site, cache: cache))
        #expect(
            String(decoding: try #require(cached["posts/waiting/index.html"]), as: UTF8.self)
                .contains("href=\"/posts/news/\""))
        #expect(cached == (try snapshot(try await render(site, cache: nil))))
        #expect(cache.checkedLinkTable != nil)
    }

    /// The digest of the link table the renderings were checked against is saved with them,
    /// and read back with them, through a delta too.
    @Test func theCheckedLinkTableIsSavedWithTheRenderings() async throws {
        let site = try Self.largeSite()
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        func loaded() -> ContentDigest? {
            let cache = BuildCache(rebuildsInMemory: false)
            #expect(CacheFile.load(into: cache, from: cacheFolder) == nil)
            return cache.checkedLinkTable
        }
        let first = try #require(loaded())
        try site.write("content/posts/2024-03-04-news.md", "---\ntitle: News\n---\nThe news.\n")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        #expect(FileManager.default.fileExists(atPath: cacheFolder.appending(path: CacheFile.deltaFileName).path))
        let second = try #require(loaded())
        #expect(second != first)
    }

    /// A build that publishes sets its renderings aside on disk while it validates; the cache
    /// file it saves holds every one of them all the same, as a build that kept them in memory
    /// made them, and the folder holds nothing else of it.
    @Test func renderingsSetAsideAreSavedWhole() async throws {
        let site = try Self.largeSite()
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        // The next build changes one article: the rest come from what was set aside.
        try site.write("content/posts/2024-04-08-post-7.md", "---\ntitle: Post 7\n---\nEdited.\n")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let loaded = BuildCache(rebuildsInMemory: false)
        #expect(CacheFile.load(into: loaded, from: cacheFolder) == nil)
        let memory = BuildCache()
        _ = try await render(site, cache: memory)
        let saved = loaded.render.snapshot()
        let made = memory.render.snapshot()
        #expect(saved.count == 44)
        #expect(saved.map(\.id) == made.map(\.id))
        #expect(saved.map(\.key) == made.map(\.key))
        #expect(saved.map { $0.value?.html } == made.map { $0.value?.html })
        #expect(saved.map { $0.value?.summary } == made.map { $0.value?.summary })
        let left = try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).sorted()
        #expect(left == [CacheFile.deltaFileName, CacheFile.fileName, LastBuild.fileName].sorted())

        // Once the site is made, such a build holds no rendering, only where each one lies.
        let fresh = BuildCache(rebuildsInMemory: false)
        _ = try await SiteBuild.render(
            BuildOptions(siteFolder: site.folder, cacheFolder: site.folder.appending(path: "other-cache")),
            cache: fresh)
        let setAside = fresh.render.snapshot()
        #expect(setAside.count == 44)
        #expect(setAside.allSatisfy { $0.value == nil && $0.archived != nil })
    }

    /// The archive is made again only when what its templates show changed: not after an
    /// edit to an article's text with the default theme, which shows titles and dates; after
    /// one with a theme that shows word counts; after a title's. Each time the site is what a
    /// build from nothing makes.
    @Test func theArchiveIsMadeAgainOnlyWhenWhatItShowsChanged() async throws {
        let site = try Self.largeSite()
        let cache = BuildCache()
        func archiveKey(_ round: String) async throws -> ContentDigest? {
            let cached = try snapshot(try await render(site, cache: cache))
            #expect(cached == (try snapshot(try await render(site, cache: nil))), "\(round)")
            return cache.listPages.snapshot().first { $0.id == SitePaths.archive }?.key
        }
        let post = "content/posts/2024-04-08-post-7.md"
        var before = try await archiveKey("first")
        #expect(before != nil)
        try site.write(post, "---\ntitle: Post 7\ntags: [t2]\n---\nA shorter text.\n")
        #expect(try await archiveKey("text") == before)

        try site.write(post, "---\ntitle: Post 7, renamed\ntags: [t2]\n---\nA shorter text.\n")
        #expect(try await archiveKey("title") != before)

        try site.write(
            "templates/archive.mustache",
            "{{<base}}{{$content}}<ul>{{#archive.years}}{{#articles}}<li>{{title}}: {{wordCount}} words</li>"
                + "{{/articles}}{{/archive.years}}</ul>{{/content}}{{/base}}\n")
        before = try await archiveKey("theme")
        try site.write(post, "---\ntitle: Post 7, renamed\ntags: [t2]\n---\nA text that is longer now.\n")
        #expect(try await archiveKey("counted text") != before)
    }

    /// A damaged delta is ignored with a warning and removed; a delta made against another cache
    /// file is ignored without one. Neither changes what is published.
    @Test func aDamagedOrStrayDeltaIsNotTrusted() async throws {
        let site = try Self.largeSite()
        let cacheFolder = site.folder.appending(path: "cache")
        let delta = cacheFolder.appending(path: CacheFile.deltaFileName)
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        try site.write("content/posts/2024-04-08-post-7.md", "---\ntitle: Post 7\n---\nEdited.\n")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let saved = try Data(contentsOf: delta)
        func check() async throws {
            let cold = site.folder.appending(path: "cold")
            try? FileManager.default.removeItem(at: cold)
            _ = try await publish(site, to: cold, cacheFolder: nil)
            #expect(try TemporarySite.files(under: site.output) == TemporarySite.files(under: cold))
        }

        var damaged = saved
        damaged[damaged.count - 20] ^= 0x20
        try damaged.write(to: delta)
        try site.write("content/posts/2024-04-09-post-8.md", "---\ntitle: Post 8\n---\nEdited.\n")
        let summary = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let warnings = summary.warnings.filter { $0.message.contains("delta is damaged") }
        #expect(warnings.map(\.file) == [delta.path])
        try await check()

        // A new cache file, then the old delta put back beside it.
        try site.write("site.yml", "title: Cached, renamed\nbase_url: https://example.org/\n")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        try saved.write(to: delta)
        try site.write("content/posts/2024-04-10-post-9.md", "---\ntitle: Post 9\n---\nEdited.\n")
        let next = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        #expect(!next.warnings.contains { $0.message.contains("cache") })
        try await check()
    }

    /// The record says which pages' files the previous output shares with the output, which the
    /// next build keeps there without looking: each it says so of is one file in both folders,
    /// through builds that edit, add and remove articles, and each build publishes what a
    /// build from nothing does.
    @Test func theRecordSaysWhichFilesThePreviousOutputShares() async throws {
        let site = try Self.largeSite()
        let cacheFolder = site.folder.appending(path: "cache")
        let output = site.output.resolvingSymlinksInPath()
        let previous = output.deletingLastPathComponent().appending(
            path: OutputWriter.stagingName(for: output.lastPathComponent))
        func inode(_ file: URL) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: file.path))?[.systemFileNumber] as? Int
        }
        let edits: [(String, String?)] = [
            ("content/posts/2024-04-08-post-7.md", "---\ntitle: Post 7\ntags: [t2]\n---\nEdited.\n"),
            ("content/posts/2024-04-08-post-7.md", "---\ntitle: Post 7\ntags: [t2]\n---\nEdited again.\n"),
            ("content/posts/2024-05-01-new.md", "---\ntitle: New\n---\nNew.\n"),
            ("content/posts/2024-04-09-post-8.md", nil),
            ("content/posts/2024-04-08-post-7.md", "---\ntitle: Post 7\ntags: [t2]\n---\nOnce more.\n"),
        ]
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        for (number, (path, text)) in edits.enumerated() {
            if let text {
                try site.write(path, text)
            } else {
                try FileManager.default.removeItem(at: site.folder.appending(path: path))
            }
            _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
            let records = try #require(LastBuild.load(from: cacheFolder)).publishedPages
            let shared = records.filter(\.sharedWithPrevious)
            #expect(!shared.isEmpty && shared.count < records.count, "edit \(number)")
            for record in shared {
                let inOutput = inode(output.appending(path: record.path))
                #expect(inOutput != nil && inOutput == inode(previous.appending(path: record.path)), "\(record.path)")
            }
            let cold = site.folder.appending(path: "cold-\(number)")
            _ = try await publish(site, to: cold, cacheFolder: nil)
            #expect(try TemporarySite.files(under: site.output) == TemporarySite.files(under: cold), "edit \(number)")
        }
    }

    /// The record of a build names each published page's file by its stamp, which survives
    /// being saved and loaded: the page is trusted while its file keeps it, and the output
    /// while nothing was added to it, removed or changed.
    @Test func publishedPagesAndTheOutputAreTrustedByTheirStamps() async throws {
        let site = try TemporarySite(Self.files)
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let last = try #require(LastBuild.load(from: cacheFolder))
        let output = site.output.resolvingSymlinksInPath()
        #expect(!last.publishedPages.isEmpty && last.publishedPages.allSatisfy { $0.stamp != nil })
        #expect(last.trees.output.holds(for: output))
        let pages = PublishedPages(folder: output, records: last.publishedPages)
        let record = try #require(last.publishedPages.first { $0.path == "posts/one/index.html" })
        #expect(pages.page(at: record.path, key: record.key, source: nil) != nil)
        #expect(pages.page(at: record.path, key: ContentDigest(of: "another key"), source: nil) == nil)

        // The same bytes written again: another modification time, so no longer trusted.
        let file = output.appending(path: record.path)
        try Data(contentsOf: file).write(to: file)
        #expect(pages.page(at: record.path, key: record.key, source: nil) == nil)
        #expect(!last.trees.output.holds(for: output))
    }

    /// A page is reused from the output folder only while its file is as the last build left
    /// it: a page someone changed there is made again.
    @Test func aPageChangedInTheOutputIsMadeAgain() async throws {
        let site = try TemporarySite(Self.files)
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let page = site.output.appending(path: "posts/one/index.html")
        let original = try Data(contentsOf: page)
        try Data("changed by hand".utf8).write(to: page)
        try site.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ntags: [a]\n---\nSecond, edited.\n")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        #expect(try Data(contentsOf: page) == original)
        // A build that failed published nothing, and the next one still reuses only what is there.
        try site.write("content/posts/2024-03-02-two.md", "---\ntitle: [unclosed\n---\nBroken.\n")
        await #expect(throws: BuildFailure.self) {
            _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        }
        try site.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ntags: [a]\n---\nSecond, again.\n")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let cold = site.folder.appending(path: "cold")
        _ = try await publish(site, to: cold, cacheFolder: nil)
        #expect(try TemporarySite.files(under: site.output) == TemporarySite.files(under: cold))
    }

    /// A page reused from the output is linked only if it is still the file the build looked
    /// at: when another build replaced it meanwhile, the page is made again before publishing.
    /// The other build holds the lock on the folder around the output until this build's pages
    /// are made, as one that began publishing first does.
    @Test func aReusedPageReplacedWhileBuildingIsMadeAgain() async throws {
        let site = try TemporarySite(Self.files)
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        try site.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ntags: [a]\n---\nSecond, edited.\n")
        let page = site.output.appending(path: "posts/one/index.html")
        let output = site.output
        let otherBuild = open(output.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        #expect(otherBuild >= 0 && flock(otherBuild, LOCK_EX) == 0)
        _ = try await SiteBuild.run(
            BuildOptions(siteFolder: site.folder, outputFolder: output, cacheFolder: cacheFolder)
        ) {
            event in
            // The other build's page, put in place once this build's pages are made.
            guard case .stage(let name) = event, name.hasPrefix("Validating"),
                (try? String(contentsOf: page, encoding: .utf8)) != "another build's page"
            else { return }
            let replacement = output.appending(path: "replacement")
            try? Data("another build's page".utf8).write(to: replacement)
            _ = rename(replacement.path, page.path)
            close(otherBuild)
        }
        let cold = site.folder.appending(path: "cold")
        _ = try await publish(site, to: cold, cacheFolder: nil)
        #expect(try TemporarySite.files(under: site.output) == TemporarySite.files(under: cold))
    }

    /// Builds into one output take turns from the moment they look at it, while each makes its
    /// site meanwhile: builds started at once after an edit all succeed (none waits on another
    /// forever), and the output is then what a cold build publishes, as after the next edit.
    @Test func buildsStartedAtOnceTakeTurnsAndPublishWhatAColdBuildDoes() async throws {
        let site = try TemporarySite(Self.files)
        let cacheFolder = site.folder.appending(path: "cache")
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let cold = site.folder.appending(path: "cold")
        for round in 1...2 {
            try site.write(
                "content/posts/2024-03-02-two.md", "---\ntitle: Two\ntags: [a]\n---\nSecond, edit \(round).\n")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask { _ = try await self.publish(site, to: site.output, cacheFolder: cacheFolder) }
                }
                try await group.waitForAll()
            }
            _ = try await publish(site, to: cold, cacheFolder: nil)
            #expect(try TemporarySite.files(under: site.output) == TemporarySite.files(under: cold))
        }
    }

    /// A damaged or foreign cache file is never trusted: the build warns, builds from nothing
    /// and replaces the file.
    @Test(arguments: ["truncated", "flipped", "foreign", "empty"])
    func aDamagedCacheFileIsIgnoredWithAWarning(_ damage: String) async throws {
        let site = try TemporarySite(Self.files)
        let cacheFolder = site.folder.appending(path: "cache")
        let file = cacheFolder.appending(path: CacheFile.fileName)
        _ = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let good = try TemporarySite.files(under: site.output)
        var bytes = try Data(contentsOf: file)
        switch damage {
        case "truncated": bytes = bytes.prefix(bytes.count - 100)
        case "flipped": bytes[bytes.count - 50] ^= 0x20
        case "foreign": bytes = Data("<?xml version=\"1.0\"?><not-a-cache/>".utf8)
        default: bytes = Data()
        }
        try bytes.write(to: file)
        // Without the record of the last build, which would let an unchanged site skip building.
        try FileManager.default.removeItem(at: cacheFolder.appending(path: LastBuild.fileName))
        let summary = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        let warnings = summary.warnings.filter { $0.message.contains("build cache is damaged") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.file == file.path)
        #expect(try TemporarySite.files(under: site.output) == good)
        // The file was replaced by a good one: the next build has nothing to say.
        let next = try await publish(site, to: site.output, cacheFolder: cacheFolder)
        #expect(!next.warnings.contains { $0.message.contains("cache") })
    }

    /// With nothing changed, a rebuild does nothing but report the last build's summary; any
    /// change to the output folder or the clock passing an article's date builds again.
    @Test func anUnchangedSiteIsNotBuiltAgainUnlessTheOutputOrTheClockMoved() async throws {
        var files = Self.files
        files["content/posts/2024-06-01-later.md"] =
            "---\ntitle: Later\ndate: 2024-06-01T12:00:00Z\n---\nDue in June.\n"
        let site = try TemporarySite(files)
        let cacheFolder = site.folder.appending(path: "cache")
        let may = Timestamp.parse("2024-05-01T00:00:00Z")!
        func publish(at now: Timestamp) async throws -> BuildSummary {
            try await SiteBuild.run(
                BuildOptions(siteFolder: site.folder, outputFolder: site.output, now: now, cacheFolder: cacheFolder))
        }
        let first = try await publish(at: may)
        let root = { try FileManager.default.attributesOfItem(atPath: site.output.path)[.systemFileNumber] as? Int }
        let published = try root()
        let again = try await publish(at: may)
        #expect(try root() == published)
        #expect(again.files == first.files && again.warnings == first.warnings)

        try FileManager.default.removeItem(at: site.output.appending(path: "robots.txt"))
        _ = try await publish(at: may)
        #expect(FileManager.default.fileExists(atPath: site.output.appending(path: "robots.txt").path))
        #expect(!FileManager.default.fileExists(atPath: site.output.appending(path: "posts/later/index.html").path))

        _ = try await publish(at: Timestamp.parse("2024-06-02T00:00:00Z")!)
        #expect(FileManager.default.fileExists(atPath: site.output.appending(path: "posts/later/index.html").path))
    }

    @Test func anUnchangedRebuildReusesEveryStageAndKeepsNothingStale() async throws {
        let site = try TemporarySite(Self.files)
        let cache = BuildCache()
        let first = try snapshot(try await render(site, cache: cache))
        let remembered = cache.count
        #expect(remembered > 0)
        #expect(try snapshot(try await render(site, cache: cache)) == first)
        #expect(cache.count == remembered)
        try FileManager.default.removeItem(at: site.folder.appending(path: "content/posts/2024-03-03-three.md"))
        _ = try await render(site, cache: cache)
        // The deleted article's read, render, page, entry, inspection and link entries are swept.
        #expect(cache.count < remembered)
        #expect(cache.read.count == 3 && cache.render.count == 3 && cache.articlePages.count == 3)
    }
}
