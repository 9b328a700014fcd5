import GazetteCore
import SiteModel
import Syndication
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

/// Entry ids survive edits, so readers never show an entry twice.
@Suite
struct FeedEntryTests {
    private func entryIDs(_ files: [String: String]) async throws -> [String] {
        let site = try TemporarySite(files.merging(["site.yml": "base_url: https://news.example.org/\n"]) { $1 })
        try await site.build()
        return try site.read("feed.xml").split(separator: "\n")
            .filter { $0.hasPrefix("    <id>") }
            .map { String($0) }
    }

    @Test func idsStayTheSameWhenTitleBodyTagsAndThemeChange() async throws {
        let before = try await entryIDs([
            "content/posts/2024-03-01-hello.md":
                "---\ntitle: Hello\ntags: [a]\ndate: 2024-03-01T09:00:00+01:00\n---\nFirst body."
        ])
        let after = try await entryIDs([
            "content/posts/2024-03-01-hello.md":
                "---\ntitle: Hello, edited\ntags: [b, c]\ndate: 2024-03-01T09:00:00+01:00\nupdated: 2024-03-05\n---\nA new body.",
            "templates/base.mustache":
                "<!DOCTYPE html><html lang=\"en\"><head><title>{{page.title}}</title></head><body>{{$content}}{{/content}}</body></html>",
        ])
        #expect(before == ["    <id>tag:news.example.org,2024-03-01:/posts/hello/</id>"])
        #expect(after == before)
    }

    @Test func addingAnArticleChangesNoOtherEntry() async throws {
        let old = "---\ndate: 2024-03-01\ntags: [a]\n---\nOld [link](#x).\n\n## X"
        func entries(_ files: [String: String]) async throws -> [String] {
            let site = try TemporarySite(files.merging(["site.yml": "base_url: https://news.example.org/\n"]) { $1 })
            try await site.build()
            return try site.read("feed.xml").components(separatedBy: "<entry>").dropFirst().map { String($0) }
        }
        let before = try await entries(["content/posts/2024-03-01-old.md": old])
        let after = try await entries([
            "content/posts/2024-03-01-old.md": old, "content/posts/2024-04-01-new.md": "---\ntags: [a, b]\n---\nNew.",
        ])
        #expect(after.count == 2)
        #expect(after.last == before.last, "the old entry must stay byte for byte the same")
    }

    @Test func frontMatterIDOverridesTheGeneratedOne() async throws {
        let ids = try await entryIDs([
            "content/a.md": "---\ndate: 2024-01-01\nid: urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427\n---\nA"
        ])
        #expect(ids == ["    <id>urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427</id>"])
    }

    @Test func relativeURLsInContentBecomeAbsolute() async throws {
        let site = try TemporarySite([
            "site.yml": "base_url: https://news.example.org/\n",
            "content/posts/2024-03-01-a.md":
                "[b](2024-03-02-b.md#x) [top](#top) [up](../) ![i](/img/p.png) <img srcset=\"/img/p.png 2x\" alt=\"\" src=\"/img/p.png\">\n\n<span id=\"top\">t</span>",
            "content/posts/2024-03-02-b.md": "<p id=\"x\">x</p>",
            "static/img/p.png": "png",
        ])
        try await site.build()
        let feed = try site.read("feed.xml")
        #expect(feed.contains("href=&quot;https://news.example.org/posts/b/#x&quot;"))
        #expect(feed.contains("href=&quot;https://news.example.org/posts/a/#top&quot;"))
        #expect(feed.contains("href=&quot;https://news.example.org/posts/&quot;"))
        #expect(feed.contains("src=&quot;https://news.example.org/img/p.png&quot;"))
        #expect(feed.contains("srcset=&quot;https://news.example.org/img/p.png 2x&quot;"))
    }
}
