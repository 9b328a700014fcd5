import Foundation
import TestSupport
import Testing

@testable import SiteBuilder

/// How a reader finds the feeds: the subscribe page, the nav and footer links, each list's own
/// feeds, and feeds a browser can show while writing.
@Suite
struct SubscribePageTests {
    private let articles = [
        "content/posts/2024-01-01-first.md": "---\ntitle: First\ntags: [Rain & Wind]\n---\nBody.\n"
    ]

    @Test func subscribePageListsEveryFeedWithReaderLinks() async throws {
        let site = try TemporarySite(articles.merging(["site.yml": "base_url: https://news.example.org/\n"]) { $1 })
        try await site.build()
        let page = try site.read("subscribe/index.html")
        #expect(page.contains("<h1>Subscribe</h1>"))
        #expect(page.contains("A feed is a list of a site's newest articles"))
        for feed in ["feed.xml", "rss.xml", "feed.json"] {
            #expect(page.contains("value=\"https://news.example.org/\(feed)\""))
            #expect(page.contains("https://www.inoreader.com/?add_feed=https%3A%2F%2Fnews.example.org%2F\(feed)"))
        }
        #expect(page.contains("<a href=\"/tags/rain-wind/\">"))
        #expect(page.contains("<a href=\"https://news.example.org/tags/rain-wind/rss.xml\">RSS</a>"))
        #expect(page.contains("assets/copy.js"))
        #expect(try site.read("assets/copy.js").contains("navigator.clipboard"))
        let home = try site.read("index.html")
        #expect(home.contains("<a href=\"/subscribe/\">Subscribe</a>"))
        #expect(!home.contains(">Feed</a>"), "the nav no longer opens the raw feed")
        let tagPage = try site.read("tags/rain-wind/index.html")
        #expect(
            tagPage.contains(
                "Follow this list: <span class=\"feed-links\"><a href=\"https://news.example.org/tags/rain-wind/feed.xml\">Atom</a>"
            ))
        #expect(try site.read("sitemap.xml").contains("<loc>https://news.example.org/subscribe/</loc>"))
    }

    /// With no `base_url`, pages link with root-relative URLs and claim no canonical address;
    /// readers cannot be offered a placeholder host.
    @Test func aSiteWithoutBaseURLLinksRootRelative() async throws {
        let site = try TemporarySite(articles)
        let summary = try await site.build()
        let page = try site.read("subscribe/index.html")
        #expect(page.contains("value=\"/feed.xml\""))
        #expect(!page.contains("example.invalid"))
        #expect(!page.contains("inoreader"))
        let article = try site.read("posts/first/index.html")
        #expect(!article.contains("example.invalid"))
        #expect(!article.contains("rel=\"canonical\""))
        #expect(article.contains("(Atom)\" href=\"/feed.xml\">"))
        #expect(summary.warnings.filter { $0.message.contains("base_url") }.count == 1)
    }

    @Test func theFeedStylesheetIsOptIn() async throws {
        let plain = try TemporarySite(articles)
        try await plain.build()
        #expect(!(try plain.read("feed.xml").contains("xml-stylesheet")))
        let styled = try TemporarySite(articles.merging(["site.yml": "feed:\n  stylesheet: true\n"]) { $1 })
        try await styled.build()
        #expect(try styled.read("feed.xml").contains("<?xml-stylesheet type=\"text/xsl\" href=\"/assets/feed.xsl\"?>"))
    }
}
