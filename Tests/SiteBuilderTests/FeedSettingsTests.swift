import Foundation
import GazetteCore
import SiteModel
import Syndication
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

/// `site.yml`'s feed settings, per-tag and per-section feeds, budgets and archives.
@Suite
struct FeedSettingsTests {
    private func articles(_ count: Int, body: String = "Body.") -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: (1...count).map { index in
                let day = String(format: "%02d", index % 28 + 1)
                let month = String(format: "%02d", index / 28 + 1)
                return ("content/posts/2024-\(month)-\(day)-post-\(index).md", "---\ntags: [news]\n---\n\(body)")
            })
    }

    @Test func everyFolderGetsEveryFormatAndPagesLinkThem() async throws {
        let site = try TemporarySite(articles(3).merging(["site.yml": "base_url: https://news.example.org/\n"]) { $1 })
        try await site.build()
        let tree = try site.outputTree()
        for folder in ["", "posts/", "tags/news/"] {
            for file in ["feed.xml", "rss.xml", "feed.json"] {
                #expect(tree[folder + file] != nil, "\(folder + file) is missing")
            }
        }
        let tagPage = try site.read("tags/news/index.html")
        #expect(tagPage.contains(": news (RSS)\" href=\"https://news.example.org/tags/news/rss.xml\">"))
        #expect(tagPage.contains("href=\"https://news.example.org/feed.xml\""))
    }

    @Test func settingsChooseFormatsEntriesAndSummaries() async throws {
        let site = try TemporarySite(
            articles(5).merging([
                "site.yml":
                    "base_url: https://news.example.org/\nfeed:\n  formats: [atom]\n  entries: 2\n  full_content: false\n  tags: false\n  sections: false\n  icon: /icon.png\n  hub: https://hub.example.org/\n",
                "static/icon.png": "png",
            ]) { $1 })
        try await site.build()
        let tree = try site.outputTree()
        #expect(tree["rss.xml"] == nil && tree["feed.json"] == nil && tree["tags/news/feed.xml"] == nil)
        let feed = try site.read("feed.xml")
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(!feed.contains("<content"))
        #expect(feed.contains("<icon>https://news.example.org/icon.png</icon>"))
        #expect(feed.contains("<link rel=\"hub\" href=\"https://hub.example.org/\"/>"))
    }

    @Test func unknownFormatIsAnErrorAtItsLine() async throws {
        let site = try TemporarySite(["site.yml": "feed:\n  formats: [atom, rdf]\n"])
        let error = try #require(await site.buildErrors().first)
        #expect(error.description == "site.yml:2: error: unknown feed format 'rdf'; use atom, rss or json")
    }

    @Test func feedsOverTheByteBudgetShortenThenDropTheOldestEntriesWithAWarning() async throws {
        let long = "A short introduction.\n\n" + String(repeating: "A long paragraph of text. ", count: 100)
        let site = try TemporarySite(
            articles(30, body: long).merging([
                "site.yml":
                    "base_url: https://news.example.org/\nfeed:\n  formats: [atom]\n  entries: 30\n  max_bytes: 12000\n  tags: false\n  sections: false\n"
            ]) { $1 })
        let summary = try await site.build()
        let feed = try site.read("feed.xml")
        #expect(feed.utf8.count <= 12000)
        let kept = feed.components(separatedBy: "<entry>").count - 1
        let whole = feed.components(separatedBy: "<content type=\"html\">").count - 1
        #expect(whole > 0 && kept > whole && kept < 30)
        let warning = try #require(summary.warnings.first { $0.file == "feed.xml" })
        #expect(
            warning.message.contains(
                "\(kept - whole) entries shown by summary only and \(30 - kept) oldest entries left out"))
        // The newest entries are the ones kept whole.
        #expect(feed.contains("/posts/post-30/"))
    }

    /// One article larger than the whole budget does not empty the feed: it is shown by its
    /// summary, and the entries after it still fit.
    @Test func anArticleLargerThanTheBudgetIsShownByItsSummary() async throws {
        var files = articles(3)
        files["content/posts/2024-06-30-huge.md"] =
            "---\ntitle: Huge\n---\nThe summary.\n\n" + String(repeating: "Very long text. ", count: 5_000)
        files["site.yml"] =
            "base_url: https://news.example.org/\nfeed:\n  formats: [atom, rss, json]\n  max_bytes: 4096\n"
        let site = try TemporarySite(files)
        let summary = try await site.build()
        for name in ["feed.xml", "rss.xml", "feed.json"] {
            let feed = try site.read(name)
            #expect(feed.utf8.count <= 4096, "\(name)")
            #expect(feed.contains("/huge/") && feed.contains("The summary."), "\(name)")
            #expect(!feed.contains("1970-01-01") && !feed.contains("Very long text. Very long text."), "\(name)")
        }
        #expect(
            summary.warnings.contains {
                $0.file == "content/posts/2024-06-30-huge.md" && $0.message.contains("feeds show it by its summary")
            })
    }

    @Test func archivesHoldEveryArticleAndDoNotChangeOnceFull() async throws {
        let settings =
            "base_url: https://news.example.org/\nfeed:\n  formats: [atom]\n  entries: 2\n  archive: true\n  tags: false\n  sections: false\n"
        let site = try TemporarySite(articles(5).merging(["site.yml": settings]) { $1 })
        try await site.build()
        let first = try site.outputTree()
        #expect(
            first["archive/feed-1.xml"] != nil && first["archive/feed-2.xml"] != nil
                && first["archive/feed-3.xml"] == nil)
        let current = try site.read("feed.xml")
        #expect(
            current.contains(
                "<link rel=\"prev-archive\" type=\"application/atom+xml\" href=\"https://news.example.org/archive/feed-2.xml\"/>"
            ))
        let oldest = try site.read("archive/feed-1.xml")
        #expect(oldest.contains("<fh:archive/>"))
        #expect(oldest.contains("/posts/post-1/") && oldest.contains("/posts/post-2/"))
        // A sixth article fills a third archive; the first two stay byte for byte the same.
        try site.write("content/posts/2024-06-01-post-6.md", "Six.")
        try await site.build()
        let second = try site.outputTree()
        #expect(second["archive/feed-1.xml"] == first["archive/feed-1.xml"])
        #expect(second["archive/feed-2.xml"] == first["archive/feed-2.xml"])
        #expect(second["archive/feed-3.xml"] != nil)
    }

    @Test func everyWrittenFeedValidatesWithoutWarnings() async throws {
        let site = try TemporarySite(articles(4).merging(["site.yml": "base_url: https://news.example.org/\n"]) { $1 })
        try await site.build()
        let validator = DocumentValidator(options: FeedValidationOptions(byteBudget: 512 * 1024))
        for (path, explicit) in try DocumentValidator.files(in: [site.output.path]) {
            guard let report = try validator.validate(file: path, explicit: explicit) else { continue }
            #expect(report.issues == [], "\(path)")
        }
    }
}
