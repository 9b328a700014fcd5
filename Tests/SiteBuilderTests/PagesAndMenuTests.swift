import Foundation
import TestSupport
import Testing

@testable import SiteBuilder

/// Standalone pages (About, Contact) and the nav.
@Suite
struct PagesAndMenuTests {
    private let site = [
        "site.yml": "title: Pages\nbase_url: https://pages.example.org/\n",
        "content/posts/2024-01-01-news.md": "---\ntitle: News\ntags: [a]\n---\nNews.\n",
        "content/pages/about.md": "---\ntitle: About\n---\nWho we are.\n",
        "content/contact.md": "---\ntitle: Contact\nlayout: page\n---\nWrite to us.\n",
    ]

    /// A page is published at `/<slug>/` and in the sitemap, without a date, and is in no list,
    /// tag, archive or feed; it says nothing about a missing date.
    @Test func pagesStandAlone() async throws {
        let built = try TemporarySite(site)
        let summary = try await built.build()
        #expect(summary.articles == 1)
        #expect(!summary.warnings.contains { $0.message.contains("no date") })
        let about = try built.read("about/index.html")
        #expect(about.contains("<h1>About</h1>"))
        #expect(about.contains("Who we are."))
        #expect(!about.contains("<time"))
        #expect(try built.read("contact/index.html").contains("Write to us."))
        for listing in ["index.html", "archive/index.html", "feed.xml", "rss.xml", "feed.json", "posts/index.html"] {
            let text = try built.read(listing)
            #expect(!text.contains("Who we are") && !text.contains("/about/\"><"), "\(listing) lists no page")
        }
        #expect(!(try built.read("feed.xml").contains("/contact/")))
        let sitemap = try built.read("sitemap.xml")
        #expect(sitemap.contains("<loc>https://pages.example.org/about/</loc>"))
        #expect(sitemap.contains("<loc>https://pages.example.org/contact/</loc>"))
        #expect((try? built.read("pages/index.html")) == nil, "pages/ is no section")
    }

    /// Without `menu:`, the nav shows the sections and the pages, then Archive, Tags and
    /// Subscribe; with it, exactly its entries, content files resolved to their pages.
    @Test func theNavFollowsTheSiteOrTheMenu() async throws {
        let plain = try TemporarySite(site)
        try await plain.build()
        #expect(
            try plain.read("index.html").contains(
                """
                <a href="/posts/">Posts</a>
                <a href="/about/">About</a>
                <a href="/contact/">Contact</a>
                <a href="/archive/">Archive</a>
                <a href="/tags/">Tags</a>
                <a href="/subscribe/">Subscribe</a>
                """))
        let menu = try TemporarySite(
            site.merging([
                "site.yml": "title: Pages\nbase_url: https://pages.example.org/\nmenu:\n"
                    + "  - {title: Who, page: pages/about.md}\n  - {title: Source, url: https://example.org/src}\n"
                    + "  - {title: Feeds, url: /subscribe/}\n"
            ]) { $1 })
        try await menu.build()
        let nav = try menu.read("posts/news/index.html")
        #expect(
            nav.contains(
                """
                <nav class="site-nav" aria-label="Site">
                <a href="/about/">Who</a>
                <a href="https://example.org/src">Source</a>
                <a href="/subscribe/">Feeds</a>
                </nav>
                """))
    }

    @Test func aMenuEntryNamingNoPageIsAnErrorAtItsLine() async throws {
        let broken = try TemporarySite(
            site.merging(["site.yml": "title: Pages\nmenu:\n  - title: Gone\n    page: pages/gone.md\n"]) { $1 })
        let errors = await broken.buildErrors()
        #expect(errors.first?.file == "site.yml")
        #expect(errors.first?.line == 4)
        #expect(errors.first?.message.contains("pages/gone.md") == true)
    }

    /// Adding a page changes the nav of every page, cached or not.
    @Test func aNewPageReachesTheNavOfCachedPages() async throws {
        let built = try TemporarySite(site)
        let cache = BuildCache()
        _ = try await SiteBuild.render(BuildOptions(siteFolder: built.folder), cache: cache)
        try Data("---\ntitle: Jobs\n---\nJoin us.\n".utf8).write(
            to: built.folder.appending(path: "content/pages/jobs.md"))
        let cached = try await SiteBuild.render(BuildOptions(siteFolder: built.folder), cache: cache)
        let page = try #require(cached.files.first { $0.path == "posts/news/index.html" }?.text)
        #expect(page.contains("<a href=\"/jobs/\">Jobs</a>"))
    }
}
