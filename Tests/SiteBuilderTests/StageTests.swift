import Foundation
import GazetteCore
import Mustache
import SiteModel
import Syndication
import TestSupport
import Testing
import XMLKit

@testable import SiteBuilder

/// Each stage of the pipeline on its own, from values, without a site on disk.
@Suite struct ArticleRendererTests {
    private let links = LinkResolver(
        articlePaths: ["posts/one.md": "/posts/one/"], assetPaths: ["posts/pic.png": "/posts/pic.png"],
        basePath: "/blog/"
    )

    @Test func linksToSourcesAndAssetsBecomeTheirPublishedURLs() {
        let article = Samples.article(
            "two", body: "See [one](one.md#part), ![pic](pic.png) and [away](https://x.org/).\n")
        let rendered = ArticleRenderer(links: links).render(article)
        #expect(rendered.html.contains(#"href="/blog/posts/one/#part""#))
        #expect(rendered.html.contains(#"src="/blog/posts/pic.png""#))
        #expect(rendered.html.contains(#"href="https://x.org/""#))
        #expect(rendered.image == "/blog/posts/pic.png")
    }

    @Test func summaryStopsAtTheMoreMarkerAndHeadingsAreKept() {
        let article = Samples.article("a", body: "Intro *text*.\n\n<!--more-->\n\n## Part one\n\nRest.\n")
        let rendered = ArticleRenderer(links: links).render(article)
        #expect(rendered.summary == "Intro text.")
        #expect(rendered.headings.map(\.text) == ["Part one"])
        #expect(rendered.headings.first?.level == 2)
    }

    /// A summary's white space, of any script, becomes single spaces between the words, which
    /// keep every byte they had.
    @Test func summaryWhiteSpaceIsCollapsed() {
        let samples: [(String, String)] = [
            ("Intro\n\t text.\t", "Intro text."), ("a\u{00A0}\u{2003} b\u{3000}c", "a b c"),
            ("café  au\nlait", "café au lait"), ("e\u{301}  🎉\r\n日本", "e\u{301} 🎉 日本"),
        ]
        for (paragraph, collapsed) in samples {
            let article = Samples.article("a", body: paragraph + "\n\nSecond paragraph.\n")
            #expect(ArticleRenderer(links: links).render(article).summary == collapsed, "\(paragraph.debugDescription)")
        }
    }

    /// Words are runs between white space of any script; each CJK character is a word.
    @Test func wordsAreCountedAcrossScripts() {
        let samples: [(String, Int)] = [
            ("", 0), ("one", 1), ("  two words\n", 2), ("café au lait", 3), ("a\u{00A0}b\u{2003}c", 3),
            ("日本語の文章", 6), ("한국어 text", 4), ("mixed日本 words", 4), ("e\u{301}te\u{301} 🎉 ok", 3),
            ("Привет, мир!", 2), ("tab\tand\rreturn", 3), ("𠀀𠀁 x", 3),
        ]
        for (text, words) in samples {
            #expect(WordCounter.count(in: text) == words, "\(text.debugDescription)")
        }
        // Pieces join: a word split across two is one; a break ends it as white space would.
        var counter = WordCounter()
        for piece in ["split wo", "rd", "日", "本"] { counter.add(piece) }
        counter.breakWord()
        counter.add("next")
        #expect(counter.count == 5)  // split, word, 日, 本, next
    }
}

@Suite struct PageAndFeedBuilderTests {
    private func site(pageSize: Int = 10) -> Site {
        var config = Samples.config(title: "News")
        config.pageSize = pageSize
        let articles = (1...3).map { day in
            Samples.article(
                "a\(day)", section: "world", date: Timestamp(year: 2024, month: 3, day: day), tags: ["Rain & Wind"])
        }
        return Site(config: config, articles: articles.map(Samples.rendered))
    }

    private func theme() throws -> Theme {
        let none = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        return try Theme.load(siteTemplates: none, siteFolder: none.deletingLastPathComponent())
    }

    @Test func listsArePaginatedAtTheirSitePaths() async throws {
        let files = try await PageBuilder(site: site(pageSize: 2), theme: theme()).pages().lists.map(\.path)
        #expect(
            files.contains("index.html") && files.contains("page/2/index.html") && !files.contains("page/3/index.html"))
        #expect(files.contains("world/page/2/index.html") && files.contains("tags/rain-wind/page/2/index.html"))
        #expect(files.contains("tags/index.html") && files.contains("archive/index.html") && files.contains("404.html"))
    }

    @Test func articlePagesLinkTheirNeighbours() async throws {
        let pages = try await PageBuilder(site: site(), theme: theme()).pages().articles
        let middle = try #require(pages.first { $0.path == "world/a2/index.html" }?.text)
        #expect(middle.contains(#"rel="prev" href="/world/a1/""#))
        #expect(middle.contains(#"rel="next" href="/world/a3/""#))
        #expect(pages.allSatisfy { $0.source?.hasPrefix("content/world/") == true })
    }

    @Test func feedTitlesAreTheTitlesPagesAnnounce() async throws {
        let site = site()
        let (feeds, warnings) = await FeedBuilder(site: site).feeds()
        #expect(warnings.isEmpty)
        let expected = site.feeds.folders.flatMap { folder in
            site.config.feed.formats.map { SitePaths.outputFile(for: SitePaths.feed(in: folder.path, format: $0)) }
        }
        #expect(feeds.map(\.path) == expected)
        let tagPage = try #require(
            try await PageBuilder(site: site, theme: theme()).pages().lists.first {
                $0.path == "tags/rain-wind/index.html"
            })
        let tagFeed = try #require(feeds.first { $0.path == "tags/rain-wind/feed.xml" }?.text)
        let title = try #require(site.feeds.folder(at: "/tags/rain-wind/")?.title)
        #expect(title == "News: Rain & Wind")
        #expect(tagFeed.contains(#"<title type="text">News: Rain &#x26; Wind</title>"#))
        #expect(
            tagPage.text?.contains(
                #"title="News: Rain &amp; Wind (Atom)" href="https://example.org/tags/rain-wind/feed.xml""#) == true)
    }

    @Test func sitemapListsPagesButNotThe404Page() async throws {
        let site = site()
        let pages = try await PageBuilder(site: site, theme: theme()).pages().lists
        let files = SitemapBuilder.files(for: site, pages: pages)
        #expect(files.map(\.path) == ["sitemap.xml"])
        let sitemap = try #require(files.first?.text)
        #expect(SitemapValidator().validate(sitemap).isEmpty)
        #expect(sitemap.contains("<loc>https://example.org/tags/</loc>"))
        #expect(!sitemap.contains("404"))
    }

    /// More pages than one sitemap may list: a sitemap index at `sitemap.xml` lists sitemaps
    /// of at most 50,000 URLs each, and all of them validate.
    @Test func aSiteOverFiftyThousandPagesGetsASitemapIndex() throws {
        let site = site()
        let pages = (0..<120_001).map { OutputFile(path: "p/\($0)/index.html", kind: .html, text: "") }
        let files = SitemapBuilder.files(for: site, pages: pages)
        #expect(
            files.map(\.path) == [
                "sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml", "sitemaps/sitemap-3.xml", "sitemap.xml",
            ])
        let validator = SitemapValidator()
        for file in files { #expect(validator.validate(file.text ?? "").isEmpty, "\(file.path)") }
        let index = try #require(files.last?.text)
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(index.contains("<loc>https://example.org/sitemaps/sitemap-3.xml</loc>"))
        #expect(files[2].text?.components(separatedBy: "<url>").count == 20_002)
        let tooMany = Sitemap(pages: (0...50_000).map { Sitemap.Page(url: "https://example.org/\($0)/") }).xml()
        #expect(validator.validate(tooMany).map(\.rule) == ["sitemap-size"])
    }
}

@Suite struct LinkCheckerTests {
    private let checker = LinkChecker(
        config: Samples.config(baseURL: "https://example.org/blog/"),
        existingPaths: ["index.html", "posts/a/index.html", "feed.xml"],
        reportsByPath: ["posts/a/index.html": HTMLInspector.Report(diagnostics: [], ids: ["intro"], references: [])]
    )

    @Test(arguments: [
        "/blog/posts/a/", "../a/#intro", "https://example.org/blog/feed.xml", "/blog/posts/a", "mailto:x@y.z",
        "https://elsewhere.org/", "http://example.org/blog/posts/a/", " /blog/posts/%61/ ", "JavaScript:alert(1)",
        "../a/?page=2", "/blog/#",
    ])
    func goodOrExternalLinksPass(url: String) {
        #expect(checker.problem(with: url, onPageAt: "https://example.org/blog/posts/b/") == nil)
    }

    @Test(arguments: [
        "/blog/posts/missing/", "a/#intro", "/blog/posts/a/#outro", "http://example.org/blog/nothing/", "/posts/a/",
        "/blog/posts/a/%23intro",
    ])
    func brokenLinksAndFragmentsAreNamed(url: String) {
        #expect(
            checker.problem(with: url, onPageAt: "https://example.org/blog/posts/b/")?.hasPrefix("broken link") == true)
    }

    /// Answers for links that mean the same on every page are kept for the next page; a
    /// relative link is judged on each page anew.
    @Test func oneCheckerJudgesEachPageItsOwnWay() {
        let page = "https://example.org/blog/posts/b/"
        let home = "https://example.org/blog/"
        #expect(checker.problem(with: "../a/", onPageAt: page) == nil)
        #expect(
            checker.problem(with: "../a/", onPageAt: "https://example.org/blog/posts/b/c/")?.hasPrefix("broken link")
                == true)
        #expect(checker.problem(with: "posts/a/", onPageAt: home) == nil)
        #expect(checker.problem(with: "posts/a/", onPageAt: page)?.hasPrefix("broken link") == true)
        #expect(checker.problem(with: "#intro", onPageAt: "https://example.org/blog/posts/a/") == nil)
        #expect(checker.problem(with: "#intro", onPageAt: page)?.hasPrefix("broken link") == true)
        for _ in 0..<2 {
            for url in ["/blog/posts/a/", "/blog/posts/missing/", "https://example.org/blog/nothing/"] {
                #expect(checker.problem(with: url, onPageAt: page) == checker.problem(with: url, onPageAt: home))
            }
        }
        #expect(checker.problem(with: "/blog/posts/missing/", onPageAt: home)?.hasPrefix("broken link") == true)
    }
}

@Suite struct OutputWriterTests {
    private func temporaryParent() -> URL {
        FileManager.default.temporaryDirectory.appending(path: "gazette-writer-\(UUID().uuidString)")
    }

    private func page(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: path, kind: .html, text: text)
    }

    /// The manifest's lines are its paths: comments and empty lines left out, a last line
    /// without a line end kept, a `#` inside a path kept.
    @Test func theManifestListsItsPaths() throws {
        let folder = temporaryParent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(OutputManifest.lines(in: folder) == nil)
        let text = "# Files\na/index.html\n\nb#c/é.txt\n# note\nlast"
        try Data(text.utf8).write(to: folder.appending(path: OutputManifest.fileName))
        #expect(OutputManifest.lines(in: folder) == ["a/index.html", "b#c/é.txt", "last"])
        let written = OutputManifest.file(listingSorted: ["a/b", "z"])
        try Data(try #require(written.bytes)).write(to: folder.appending(path: OutputManifest.fileName))
        #expect(OutputManifest.lines(in: folder) == ["a/b", "z"])
    }

    @Test func publishingReplacesTheFolderWholeAndRewritesOnlyWhatChanged() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        let kept = page("kept/index.html", "same")
        try OutputWriter.publish([page("old/index.html", "old"), kept], to: output)
        let second = try OutputWriter.publish([page("a/b/index.html", "new"), kept], to: output).counts
        // One page and the manifest are written; the unchanged page is linked.
        #expect(second == StagedFileWriter.Counts(written: 2, linked: 1, kept: 0))
        #expect(try String(contentsOf: output.appending(path: "a/b/index.html"), encoding: .utf8) == "new")
        #expect(try String(contentsOf: output.appending(path: "kept/index.html"), encoding: .utf8) == "same")
        #expect(!FileManager.default.fileExists(atPath: output.appending(path: "old").path))
        // The previous output is kept beside it and brought up to date by the next build.
        let previous = parent.appending(path: OutputWriter.stagingName(for: "public"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == [
                previous.lastPathComponent, "public",
            ])
        let third = try OutputWriter.publish([page("a/b/index.html", "new"), kept], to: output).counts
        #expect(third == StagedFileWriter.Counts(written: 0, linked: 2, kept: 1))
        #expect(
            try TemporarySite.files(under: output).keys.sorted() == [
                OutputManifest.fileName, "a/b/index.html", "kept/index.html",
            ])
    }

    /// A publish told how the last one left the folders lists neither while they stay that
    /// way; an entry someone added to either since is noticed, and the output stays exact.
    @Test func publishingTrustsTheLayoutItLeftOnlyWhileItHolds() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        let previous = parent.appending(path: OutputWriter.stagingName(for: "public"))
        let site = [page("a/b/index.html", "a"), page("c/index.html", "c"), page("index.html", "home")]
        var trees = try OutputWriter.publish(site, to: output).trees
        trees = try OutputWriter.publish(site, to: output, trees: trees).trees
        let known = try #require(trees?.previous?.entries(ifStill: previous))
        #expect(known.folders == ["a", "a/b", "c"])
        #expect(known.files == [OutputManifest.fileName, "a/b/index.html", "c/index.html", "index.html"])
        #expect(trees?.output.holds(for: output) == true)

        // Known layouts: a page moves, one folder goes, another comes.
        let moved = [page("a/index.html", "a"), page("d/e/index.html", "e"), page("index.html", "home 2")]
        trees = try OutputWriter.publish(moved, to: output, trees: trees).trees
        #expect(
            try TemporarySite.files(under: output).keys.sorted() == [
                OutputManifest.fileName, "a/index.html", "d/e/index.html", "index.html",
            ])
        #expect(trees?.previous != nil)

        // Someone's file in a folder of the output is carried over; a file left in the staging
        // folder is not published.
        try Data("mine".utf8).write(to: output.appending(path: "a/notes.txt"))
        try Data("stray".utf8).write(to: previous.appending(path: "a/b/stray.txt"))
        #expect(trees?.output.holds(for: output) == false)
        let publication = try OutputWriter.publish(moved, to: output, trees: trees)
        #expect(publication.counts.preserved == ["a/notes.txt"])
        #expect(
            try TemporarySite.files(under: output).keys.sorted() == [
                OutputManifest.fileName, "a/index.html", "a/notes.txt", "d/e/index.html", "index.html",
            ])
        // Not knowing the old output's layout, the next publish lists the staging folder.
        #expect(publication.trees?.previous == nil)
        #expect(publication.trees?.output.holds(for: output) == true)
    }

    /// The state publishing records of the output, which looks again only at the folders it
    /// changed, is the one looking at every folder finds, whatever the edit.
    @Test func theRecordedStateOfTheOutputIsTheOneLookingFinds() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        let home = page("index.html", "home")
        let versions: [[OutputFile]] = [
            [home, page("a/b/index.html", "a"), page("c/index.html", "c"), page("c/d/index.html", "d")],
            [home, page("a/b/index.html", "a"), page("c/index.html", "c"), page("c/d/index.html", "d")],
            [home, page("a/b/index.html", "a 2"), page("c/index.html", "c"), page("c/d/index.html", "d")],
            [home, page("a/b/index.html", "a 2"), page("c/index.html", "c"), page("e/f/g/index.html", "g")],
            [page("index.html", "home 2"), page("c/index.html", "c"), page("e/f/g/index.html", "g")],
            [page("index.html", "home 2"), page("c/index.html", "c"), page("e/f/g/index.html", "g")],
        ]
        var trees: PublishedTrees?
        for (number, site) in versions.enumerated() {
            if number == 4 { try Data("mine".utf8).write(to: output.appending(path: "c/notes.txt")) }
            let publication = try OutputWriter.publish(site, to: output, trees: trees)
            let looked = try #require(OutputState.look(at: output, preserved: publication.counts.preserved))
            #expect(publication.trees?.output == looked.state, "version \(number)")
            #expect(publication.stamps == looked.files, "version \(number)")
            trees = publication.trees
        }
    }

    /// The folders of a list of paths, first met first; the answers kept for lists asked about
    /// again are those of exactly those paths, in that order.
    @Test func foldersAreFoundForExactlyThePathsAsked() {
        let first = ["a/b/index.html", "c/index.html", "a/x.txt", "index.html"]
        let second = ["c/index.html", "a/b/index.html", "a/x.txt", "index.html"]
        let third = ["d/index.html", "a/b/index.html", "a/x.txt", "index.html"]
        for _ in 0..<2 {
            #expect(FolderLayout.folders(holding: first) == ["a", "a/b", "c"])
            #expect(FolderLayout.folders(holding: second) == ["c", "a", "a/b"])
            #expect(FolderLayout.folders(holding: third) == ["d", "a", "a/b"])
            #expect(FolderLayout.folders(holding: []) == [])
        }
        // Two spellings of one accented name are two folders to the file system: both are looked at.
        let spellings = ["caf\u{E9}/index.html", "cafe\u{301}/index.html"]
        #expect(
            FolderLayout.folders(holding: spellings).map { Array($0.utf8) }
                == spellings.map { Array($0.dropLast(11).utf8) })
    }

    /// Paths in the order of their bytes have their folders found without hashing: the same
    /// folders, in the same order, as every prefix of every path met in turn gives, over sets
    /// of paths made at random from names that share beginnings (`a`, `a-b`, `a.b`, accented
    /// names in two spellings); paths in any other order are left to hashing, which agrees.
    @Test func foldersOfPathsInByteOrderAreEveryPrefixFirstMet() {
        func prefixes(_ paths: [String]) -> [String] {
            var seen = Set<[UInt8]>()
            var folders: [String] = []
            for path in paths {
                let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                for count in parts.indices.map({ $0 + 1 }) {
                    let folder = parts.prefix(count).joined(separator: "/")
                    if seen.insert(Array(folder.utf8)).inserted { folders.append(folder) }
                }
            }
            return folders
        }
        let names = ["a", "a-b", "a.b", "ab", "b", "caf\u{E9}", "cafe\u{301}", "z"]
        var random = SeededRandom(seed: 9)
        for round in 0..<300 {
            var paths = Set<[UInt8]>()
            for _ in 0..<random.int(in: 0...30) {
                let depth = random.int(in: 0...3)
                let folders = (0..<depth).map { _ in random.pick(names) }
                paths.insert(Array((folders + ["\(random.pick(names)).html"]).joined(separator: "/").utf8))
            }
            let sorted = paths.sorted { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) }
            #expect(FolderLayout.foldersOfSorted(sorted) == prefixes(sorted), "round \(round)")
            let shuffled = sorted.reversed().map { $0 }
            if shuffled.count(where: { $0.contains("/") }) > 1 {
                #expect(FolderLayout.foldersOfSorted(shuffled) == nil, "round \(round)")
            }
            #expect(FolderLayout.folders(holding: shuffled) == prefixes(shuffled), "round \(round)")
        }
        // A path without a folder may be anywhere: a listing's manifest comes first.
        #expect(FolderLayout.foldersOfSorted(["z.txt", "a/b/c.html", "a/d.html", "m"]) == ["a", "a/b"])
    }

    /// The staging folder shares files with the published output by hard link; a changed file
    /// must be replaced there, never written through, or the live site would change early.
    @Test func aChangedFileNeverWritesThroughToThePublishedOne() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        try OutputWriter.publish([page("index.html", "one")], to: output)
        try OutputWriter.publish([page("index.html", "one")], to: output)
        try OutputWriter.publish([page("index.html", "two")], to: output)
        let previous = parent.appending(path: OutputWriter.stagingName(for: "public"))
        #expect(try String(contentsOf: output.appending(path: "index.html"), encoding: .utf8) == "two")
        #expect(try String(contentsOf: previous.appending(path: "index.html"), encoding: .utf8) == "one")
    }

    /// Whatever an interrupted build or a person left in the staging folder is put right.
    @Test func aMessyStagingFolderIsPutRight() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        let previous = parent.appending(path: OutputWriter.stagingName(for: "public"))
        try FileManager.default.createDirectory(
            at: previous.appending(path: "a/index.html"), withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: previous.appending(path: "b"))
        try Data("extra".utf8).write(to: previous.appending(path: "extra.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: previous.appending(path: "c.html").path, withDestinationPath: "/etc/passwd")
        try OutputWriter.publish(
            [page("a/index.html", "a"), page("b/index.html", "b"), page("c.html", "c")], to: output)
        #expect(
            try TemporarySite.files(under: output).filter { $0.key != OutputManifest.fileName } == [
                "a/index.html": Data("a".utf8), "b/index.html": Data("b".utf8), "c.html": Data("c".utf8),
            ])
    }

    /// A publishing build writes each page to a file of its own as it is made, so pages are
    /// not held in memory; publishing reads them back, and the file goes with the build. Pages
    /// are read through one descriptor, closed once no page refers to the file any more.
    @Test func stagedPagesArePublishedFromTheirFile() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        /// How many descriptors of this process are open on `file`, removed or not.
        func descriptors(on file: URL) -> Int {
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return open.filter {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)"))?
                    .hasPrefix(file.path) == true
            }.count
        }
        var file: URL?
        do {
            let staged = try StagedPages(publishingTo: output)
            let files = try [page("a/index.html", "first"), page("b/index.html", "second")].map {
                try staged.stage($0, digest: nil)
            }
            #expect(files.allSatisfy { if case .staged = $0.contents { true } else { false } })
            #expect(files.map(\.text) == ["first", "second"])
            let counts = try OutputWriter.publish(files, to: output).counts
            #expect(counts == StagedFileWriter.Counts(written: 3, linked: 0, kept: 0))
            #expect(try String(contentsOf: output.appending(path: "b/index.html"), encoding: .utf8) == "second")
            #expect(descriptors(on: staged.file) == 1)
            staged.remove()
            #expect(!FileManager.default.fileExists(atPath: staged.file.path))
            // A page made before the file was removed still reads.
            #expect(files[0].bytes == Array("first".utf8))
            file = staged.file
        }
        #expect(descriptors(on: try #require(file)) == 0)
    }

    /// A file of pages left by a build that was killed is removed by the next build; one of a
    /// build still running is left alone.
    @Test func pageFilesOfDeadBuildsAreRemoved() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        let dead = try #require(
            (100_000..<4_000_000).lazy.map { pid_t($0) }.first { kill($0, 0) != 0 && errno == ESRCH })
        // Named as builds name them now (`-PID-N`) and as they did before (`-PID`).
        let leftovers =
            [dead, getppid()].map { parent.appending(path: ".public.gazette-pages-\($0)") }
            + [dead, getppid()].map { parent.appending(path: ".public.gazette-pages-\($0)-2") }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        for file in leftovers { try Data("page".utf8).write(to: file) }
        let staged = try StagedPages(publishingTo: output)
        defer { staged.remove() }
        #expect(!FileManager.default.fileExists(atPath: leftovers[0].path))
        #expect(FileManager.default.fileExists(atPath: leftovers[1].path))
        #expect(!FileManager.default.fileExists(atPath: leftovers[2].path))
        #expect(FileManager.default.fileExists(atPath: leftovers[3].path))
    }

    /// Builds a program runs at once into one output each write their pages to a file of their
    /// own: one process's builds shared one, and wrote over each other's pages.
    @Test func buildsOfOneProcessStageTheirPagesApart() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        let first = try StagedPages(publishingTo: output)
        let second = try StagedPages(publishingTo: output)
        defer {
            first.remove()
            second.remove()
        }
        #expect(first.file != second.file)
        let mine = try first.stage(page("index.html", "the first build's page"), digest: nil)
        _ = try second.stage(page("index.html", "the second build's page, longer"), digest: nil)
        #expect(mine.bytes == Array("the first build's page".utf8))
    }

    /// Builds publishing into one folder at once take turns: the output is always one build's
    /// whole site, never a mix.
    @Test func concurrentPublishesNeverMix() async throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appending(path: "public")
        let sites = (0..<6).map { build in (0..<200).map { page("p\($0)/index.html", "build \(build) page \($0)") } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for site in sites { group.addTask { try OutputWriter.publish(site, to: output) } }
            try await group.waitForAll()
        }
        let published = try TemporarySite.files(under: output).filter { $0.key != OutputManifest.fileName }
        #expect(
            sites.contains { site in
                Dictionary(uniqueKeysWithValues: site.map { ($0.path, Data($0.text!.utf8)) }) == published
            })
    }
}

@Suite struct TemplateEscapingTests {
    @Test func escapesWhatMustacheEscapesAndNothingElse() {
        let escaping = TemplateEscaping()
        #expect(
            escaping.escapeText("Fish & <Chips> \"to go\" 'now' é")
                == "Fish &amp; &lt;Chips&gt; &quot;to go&quot; &#39;now&#39; é")
        #expect(escaping.escapeText("plain text") == "plain text")
        // A combining mark after `<` makes one character of the two; the `<` is escaped all the same.
        #expect(escaping.escapeText("a <\u{338} b") == "a &lt;\u{338} b")
    }

    @Test func templatesRenderWithIt() throws {
        let template = try MustacheTemplate(string: TemplateEscaping.pragma + "{{#items}}\n<p>{{.}}</p>\n{{/items}}\n")
        #expect(template.render(["items": ["<\u{338}", "a&b"]]) == "<p>&lt;\u{338}</p>\n<p>a&amp;b</p>\n")
    }
}

@Suite struct ThemeEmbedderTests {
    private static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appending(
            path: "templates")

    @Test func theBuiltInThemeIsTheTemplatesFolderByteForByte() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.templates.path))
        var onDisk: [String: String] = [:]
        for case let path as String in enumerator {
            var isFolder: ObjCBool = false
            let url = Self.templates.appending(path: path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                onDisk[path] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        #expect(DefaultThemeFiles.files == onDisk)
    }
}

@Suite struct PageViewTests {
    /// Every stored property of a view answers to its own name, so a template can reach it.
    /// - Parameter fields: Where the view holds its properties, when not in itself.
    private func expectEveryPropertyAnswers(_ view: some TemplateView, fields: Any? = nil) {
        for child in Mirror(reflecting: fields ?? view).children {
            guard let label = child.label else { continue }
            let isNil =
                Mirror(reflecting: child.value).displayStyle == .optional
                && Mirror(reflecting: child.value).children.isEmpty
            #expect((view.child(named: label) == nil) == isNil, "\(type(of: view)).\(label)")
        }
    }

    /// An article with every field a view writes answers every name, and no other.
    @Test func articleViewsAnswerEveryName() {
        let date = Timestamp(year: 2024, month: 3, day: 1)
        let article = Article(
            sourcePath: "content/posts/a.md", contentPath: "posts/a.md", format: .markdown, title: "A", date: date,
            updated: Timestamp(year: 2024, month: 4, day: 2), tags: ["t"], draft: true, slug: "a", section: "posts",
            authors: [Person(name: "Ann")], image: "cover.png", tableOfContents: true, body: "",
            params: [MetadataEntry(key: "mood", value: .text("calm"))])
        let rendered = RenderedArticle(
            article: article, html: "<p>Text.</p>", summary: "Text.", wordCount: 1,
            headings: [RenderedArticle.Heading(level: 2, id: "h", text: "H")], image: "cover.png")
        let site = Site(config: Samples.config(), articles: [rendered])
        var view = ViewBuilder(config: site.config, feeds: site.feeds).article(site.articles[0])
        view.previous = LinkView(title: "p", url: "/p/")
        view.next = LinkView(title: "n", url: "/n/")
        view.related = [LinkView(title: "r", url: "/r/")]
        #expect(ArticleView.names.filter { view.child(named: $0) == nil }.isEmpty)
        // The scalars are the fields written as a text, a number or a flag; the others are views.
        #expect(
            ArticleView.scalarNames == [
                "title", "url", "absoluteURL", "dateISO", "dateDisplay", "dateShort", "readingMinutes", "wordCount",
                "html", "excerpt", "hasTags", "status", "updatedISO", "updatedDisplay", "image", "hasToc", "hasRelated",
            ])
        for name in ArticleView.names {
            let value = view.child(named: name)
            #expect(
                (value is String || value is Int || value is Bool) == ArticleView.scalarNames.contains(name), "\(name)")
        }
        #expect(view.child(named: "body") == nil)
        #expect(view.child(named: "status") as? String == "Draft")
        #expect(view.child(named: "updatedDisplay") as? String == "2 April 2024")
        #expect(view.child(named: "url") as? String == view.url)
        // Fields of an article's own page only are not written for lists.
        let listed = ViewBuilder(config: site.config, feeds: site.feeds).article(site.articles[0])
        #expect(["previous", "next", "related"].allSatisfy { listed.child(named: $0) == nil })
        #expect(listed.child(named: "hasRelated") as? Bool == false)
    }

    /// What a key digests of a field changes whenever the field as written does: an article
    /// changed in each of the ways its fields can, against the article it was.
    @Test func aKeyNamingAFieldChangesWhenTheFieldDoes() {
        func rendered(
            title: String = "A", slug: String = "a", date: Timestamp = Timestamp(year: 2024, month: 3, day: 1),
            updated: Timestamp? = Timestamp(year: 2024, month: 4, day: 2), tags: [String] = ["t"], draft: Bool = false,
            authors: [String] = ["Ann"], image: String? = "cover.png", words: Int = 1, html: String = "<p>Text.</p>",
            summary: String = "Text.", toc: Bool = true, params: [MetadataEntry] = []
        ) -> RenderedArticle {
            let article = Article(
                sourcePath: "content/posts/\(slug).md", contentPath: "posts/\(slug).md", format: .markdown,
                title: title, date: date, updated: updated, tags: tags, draft: draft, slug: slug, section: "posts",
                authors: authors.map { Person(name: $0) }, image: image, tableOfContents: toc, body: "",
                params: params)
            return RenderedArticle(
                article: article, html: html, summary: summary, wordCount: words,
                headings: [RenderedArticle.Heading(level: 2, id: "h", text: "H")], image: image)
        }
        let changed = [
            rendered(title: "B"), rendered(slug: "b"), rendered(date: Timestamp(year: 2024, month: 3, day: 2)),
            rendered(date: Timestamp(year: 2024, month: 3, day: 1, utcOffsetSeconds: 3600)),
            rendered(updated: nil), rendered(updated: Timestamp(year: 2024, month: 3, day: 1)), rendered(tags: []),
            rendered(tags: ["u"]), rendered(draft: true), rendered(authors: []), rendered(authors: ["Bea"]),
            rendered(image: nil), rendered(image: "other.png"), rendered(words: 500), rendered(html: "<p>Other.</p>"),
            rendered(summary: "Other."), rendered(toc: false),
            rendered(params: [MetadataEntry(key: "mood", value: .text("calm"))]),
        ]
        let site = Site(config: Samples.config(), articles: [rendered()])
        let views = ViewBuilder(config: site.config, feeds: site.feeds)
        func key(_ view: ArticleView, _ name: String) -> ContentDigest {
            var hasher = ContentHasher()
            view.combine(ArticleView.keyParts(named: [name]), into: &hasher)
            return hasher.finalize()
        }
        let original = views.article(rendered())
        for other in changed.map(views.article) {
            for name in ArticleView.names {
                let written = (
                    String(describing: original.child(named: name)), String(describing: other.child(named: name))
                )
                #expect(
                    (written.0 == written.1) || key(original, name) != key(other, name),
                    "\(name): \(written.0) → \(written.1)")
            }
        }
        #expect(key(original, "dateShort") == key(views.article(rendered()), "dateShort"))
    }

    @Test func viewsAnswerEveryProperty() {
        let site = Site(config: Samples.config(), articles: [Samples.rendered(Samples.article("a", tags: ["t"]))])
        let views = ViewBuilder(config: site.config, feeds: site.feeds)
        var article = views.article(site.articles[0])
        article.previous = LinkView(title: "p", url: "/p/")
        article.next = LinkView(title: "n", url: "/n/")
        article.related = [LinkView(title: "r", url: "/r/")]
        let page = views.page(
            title: "T", description: "D", path: "/", social: views.social(for: site.articles[0]),
            feeds: site.feeds.siteFeed)
        expectEveryPropertyAnswers(views.site)
        expectEveryPropertyAnswers(page)
        expectEveryPropertyAnswers(page.social)
        expectEveryPropertyAnswers(PageContext(site: views.site, page: page, article: article))
        expectEveryPropertyAnswers(
            ListView(
                hasArticles: true, articles: [article], heading: "h",
                pagination: PaginationView(current: 1, total: 2, newerURL: "/", olderURL: "/")))
        expectEveryPropertyAnswers(TagIndexView(hasTags: true, all: [TagCountView(name: "t", url: "/", count: 1)]))
        expectEveryPropertyAnswers(ArchiveView(years: [YearView(year: 2024, articles: [article])]))
        expectEveryPropertyAnswers(TableOfContentsEntryView(id: "i", text: "t", level: 2))
        expectEveryPropertyAnswers(FeedLinkView(mediaType: "m", title: "t", url: "u", format: "f"))
        let subscribe = views.subscribe()
        expectEveryPropertyAnswers(subscribe)
        expectEveryPropertyAnswers(SubscribeFeedView(format: "f", url: "u", readers: ViewBuilder.readers(of: "u")))
        expectEveryPropertyAnswers(ReaderLinkView(name: "n", url: "u"))
        expectEveryPropertyAnswers(TopicFeedsView(title: "t", url: "u", feeds: []))
    }
}

@Suite struct StageCacheTests {
    @Test func reusesAValueOnlyForTheSameDigestAndSweepsWhatABuildDidNotUse() {
        let cache = StageCache<String>()
        let one = ContentDigest(of: Array("one".utf8))
        let two = ContentDigest(of: Array("two".utf8))
        var computed = 0
        func value(_ id: String, _ key: ContentDigest, _ result: String) -> String {
            cache.value(for: id, key: key) {
                computed += 1
                return result
            }
        }
        cache.beginBuild()
        #expect(value("a", one, "first") == "first")
        #expect(value("b", one, "b") == "b")
        cache.sweep()
        cache.beginBuild()
        #expect(value("a", one, "second") == "first")
        #expect(value("a", two, "third") == "third")
        #expect(computed == 3)
        cache.sweep()
        #expect(cache.count == 1)
    }

    /// An entry asked for twice, or replaced, counts once: a build that asked for every entry
    /// keeps them all and changes nothing; one that left an entry out sweeps it alone.
    @Test func everyEntryAskedForIsKeptOnce() {
        let cache = StageCache<String>()
        let (one, two) = (ContentDigest(of: Array("one".utf8)), ContentDigest(of: Array("two".utf8)))
        cache.beginBuild()
        for id in ["a", "b", "c"] { _ = cache.value(for: id, key: one) { id } }
        cache.sweep()
        _ = cache.takeChanged()
        cache.beginBuild()
        for id in ["a", "b", "c", "a"] { #expect(cache.value(for: id, key: one) { "again" } == id) }
        cache.sweep()
        #expect(cache.count == 3)
        #expect(!cache.takeChanged())
        cache.beginBuild()
        _ = cache.value(for: "a", key: one) { "again" }
        #expect(cache.value(for: "b", key: two) { "new b" } == "new b")
        #expect(cache.value(for: "b", key: two) { "newer b" } == "new b")
        cache.sweep()
        #expect(cache.count == 2)
        #expect(cache.takeChanged())
        #expect(cache.snapshot().map(\.id) == ["a", "b"])
    }
}
