import Foundation
import GazetteCore
import SiteModel
import Syndication
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

/// What writers expect on the page, and the scaffolding commands.
@Suite
struct WriterFeatureTests {
    @Test func summaryComesFromBeforeTheMoreMarker() async throws {
        let site = try TemporarySite([
            "content/2024-01-01-a.md": "Intro *text* here.\n\nSecond para.\n\n<!--more-->\n\nRest."
        ])
        try await site.build()
        #expect(try site.read("feed.xml").contains("<summary type=\"text\">Intro text here. Second para.</summary>"))
    }

    @Test func futureAndExpiredArticlesAreLeftOutUnlessAskedFor() async throws {
        let site = try TemporarySite([
            "content/2024-01-01-now.md": "Now.",
            "content/2030-01-01-later.md": "Later.",
            "content/2023-01-01-gone.md": "---\nexpires: 2023-06-01\n---\nGone.",
        ])
        let now = Timestamp(year: 2025, month: 1, day: 1)
        _ = try await SiteBuild.run(BuildOptions(siteFolder: site.folder, now: now))
        var tree = try site.outputTree()
        #expect(tree["now/index.html"] != nil && tree["later/index.html"] == nil && tree["gone/index.html"] == nil)
        _ = try await SiteBuild.run(BuildOptions(siteFolder: site.folder, includeFuture: true, now: now))
        tree = try site.outputTree()
        #expect(tree["later/index.html"] != nil && tree["gone/index.html"] == nil)
    }

    @Test func articlePagesLinkNeighboursAndRelatedArticlesAndShowTheContents() async throws {
        let site = try TemporarySite([
            "content/2024-01-01-a.md": "---\ntags: [x, y]\n---\nA.",
            "content/2024-01-02-b.md": "---\ntags: [x, y]\ntoc: true\nimage: /cover.png\n---\n## One\n\n### Two\n\nB.",
            "content/2024-01-03-c.md": "---\ntags: [x]\n---\nC.",
            "static/cover.png": "png",
            "site.yml": "base_url: https://news.example.org/\n",
        ])
        try await site.build()
        let page = try site.read("b/index.html")
        #expect(page.contains("<a class=\"previous\" rel=\"prev\" href=\"/a/\">← A</a>"))
        #expect(page.contains("<a class=\"next\" rel=\"next\" href=\"/c/\">C →</a>"))
        #expect(
            page.contains("<li><a href=\"/a/\">A</a></li>\n<li><a href=\"/c/\">C</a></li>"),
            "related: most shared tags first")
        #expect(page.contains("<li class=\"toc-level-2\"><a href=\"#one\">One</a></li>"))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://news.example.org/cover.png\">"))
        #expect(page.contains("<meta property=\"article:published_time\" content=\"2024-01-02T00:00:00Z\">"))
        #expect(page.contains("<h2 id=\"one\">One <a class=\"heading-anchor\" href=\"#one\""))
        #expect(!(try site.read("feed.xml").contains("heading-anchor")), "feeds carry no self-links")
    }

    @Test func initCreatesASiteThatBuildsAndRefusesNonEmptyFolders() async throws {
        let site = try TemporarySite()
        let now = Timestamp(year: 2025, month: 3, day: 4, hour: 10, utcOffsetSeconds: 3600)
        let written = try Scaffold.initialize(site.folder, withTemplates: true, force: false, now: now)
        #expect(written.contains("site.yml"))
        #expect(written.contains("content/posts/2025-03-04-welcome.md"))
        #expect(written.contains("templates/base.mustache"))
        #expect(
            try String(contentsOf: site.folder.appending(path: ".gitignore"), encoding: .utf8).contains("/.public.*/"))
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.initialize(site.folder, withTemplates: false, force: false, now: now)
        }
        _ = try await SiteBuild.run(BuildOptions(siteFolder: site.folder, now: Timestamp(year: 2026, month: 1, day: 1)))
        #expect(try site.read("posts/welcome/index.html").contains("Welcome to your new site"))
        // The title a newcomer types first is free for their first article.
        #expect(
            try Scaffold.newArticle(title: "Hello world", in: site.folder, section: "posts", format: "md", now: now)
                == "content/posts/2025-03-04-hello-world.md")
    }

    @Test func newWritesADatedDraftWithTheLocalOffset() throws {
        let site = try TemporarySite()
        let now = Timestamp(year: 2025, month: 3, day: 4, hour: 10, minute: 5, utcOffsetSeconds: -18_000)
        let path = try Scaffold.newArticle(
            title: "Why \"feeds\" matter", in: site.folder, section: "news/world", format: "md", now: now)
        #expect(path == "content/news/world/2025-03-04-why-feeds-matter.md")
        let text = try String(contentsOf: site.folder.appending(path: path), encoding: .utf8)
        #expect(
            text == "---\ntitle: \"Why \\\"feeds\\\" matter\"\ndate: 2025-03-04T10:05:00-05:00\ndraft: true\n---\n\n")
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newArticle(
                title: "Why \"feeds\" matter", in: site.folder, section: "news/world", format: "md", now: now)
        }
        #expect(throws: Scaffold.Failure.self) {
            try Scaffold.newArticle(title: "X", in: site.folder, section: "../out", format: "md", now: now)
        }
    }
}
