import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder

/// Blogs written for Zola, Hugo and Jekyll build unchanged, and publish each article where,
/// when and as what the original generator would: URL, title, date, tags, old addresses.
@Suite struct MigrationTests {
    /// What a feed says of one article.
    struct Entry: Equatable, CustomStringConvertible {
        let url: String
        let title: String
        let date: String
        let tags: [String]

        var description: String { "\(url) \(title) \(date) \(tags)" }
    }

    private func build(_ fixture: String) async throws -> (TemporarySite, BuildSummary, [Entry]) {
        let site = try TemporarySite(fixture: "migrations/\(fixture)")
        let summary = try await site.build()
        let feed = try JSONSerialization.jsonObject(with: Data(try site.read("feed.json").utf8)) as? [String: Any]
        let items = try #require(feed?["items"] as? [[String: Any]])
        let entries = items.map { item in
            Entry(
                url: item["url"] as? String ?? "", title: item["title"] as? String ?? "",
                date: item["date_published"] as? String ?? "", tags: item["tags"] as? [String] ?? [])
        }
        return (site, summary, entries)
    }

    private func expectRedirect(_ site: TemporarySite, _ file: String, to url: String) throws {
        let page = try site.read(file)
        #expect(page.contains(#"<meta http-equiv="refresh" content="0; url=\#(url)">"#), "\(file)")
        #expect(page.contains(#"<link rel="canonical" href="\#(url)">"#) && page.contains("noindex"), "\(file)")
        #expect(!(try site.read("sitemap.xml")).contains(SitePaths.sitePath(ofFile: file)), "\(file) is in the sitemap")
    }

    @Test func zolaBlogWithTOMLPathsAliasesBundlesAndShortcodes() async throws {
        let (site, summary, entries) = try await build("zola")
        #expect(
            entries == [
                Entry(
                    url: "https://slow.example.org/kyoto/", title: "Three days in Kyoto",
                    date: "2023-06-10T08:30:00+09:00", tags: ["Japan", "trains"]),
                Entry(
                    url: "https://slow.example.org/blog/night-trains/", title: "Night trains of Europe",
                    date: "2023-04-02T00:00:00Z", tags: ["Trains", "Europe", "Rail"]),
            ])
        try expectRedirect(site, "posts/night-trains/index.html", to: "https://slow.example.org/blog/night-trains/")
        try expectRedirect(site, "old/trains.html", to: "https://slow.example.org/blog/night-trains/")
        // The bundle's image sits beside the page its `path` moved it to.
        #expect(try site.outputTree()["kyoto/station.png"] != nil)
        #expect(try site.read("kyoto/index.html").contains(#"<img src="/kyoto/station.png""#))
        #expect(try site.read("kyoto/index.html").contains(#"<aside class="note note-tip">Buy the pass"#))
        // `_index.md` names the section and is no article; drafts stay out.
        let section = try site.read("blog/index.html")
        #expect(section.contains("Travel notes") && section.contains("Notes from the road, slowly."))
        let night = try site.read("blog/night-trains/index.html")
        #expect(night.contains("youtube-nocookie.com/embed/dQw4w9WgXcQ"))
        #expect(night.contains(#"<a href="/kyoto/">the Kyoto trip</a>"#))
        #expect(night.contains("<pre><code>{{ youtube(id=&quot;not-a-call&quot;) }}"))
        #expect(
            summary.warnings.map(\.description).contains(
                "content/blog/2023-04-02-night-trains.md:29: warning: Zola shortcode '{{ stamp(country=\"Austria\") }}' is left as written; add templates/shortcodes/NAME.mustache to render it"
            ))
    }

    @Test func hugoBlogWithPermalinksTimeZonesAndShortcodes() async throws {
        let (site, summary, entries) = try await build("hugo")
        #expect(
            entries == [
                Entry(
                    url: "https://gopher.example.org/2015/03/04/bundle/", title: "A bundle",
                    date: "2015-03-04T00:00:00+01:00", tags: ["photos"]),
                Entry(
                    url: "https://gopher.example.org/custom/second/", title: "Second thoughts",
                    date: "2014-01-02T10:00:00+01:00", tags: ["web"]),
                Entry(
                    url: "https://gopher.example.org/2013/05/06/hello-hugo/", title: "Hello, Hugo",
                    date: "2013-05-06T02:12:52+02:00", tags: ["web", "Go"]),
            ])
        try expectRedirect(site, "2013/05/first/index.html", to: "https://gopher.example.org/2013/05/06/hello-hugo/")
        #expect(try site.outputTree()["2015/03/04/bundle/diagram.png"] != nil)
        let first = try site.read("2013/05/06/hello-hugo/index.html")
        #expect(first.contains(#"<figure><img src="/images/gopher.png" alt="A gopher"><figcaption>Our mascot"#))
        #expect(first.contains(#"<code class="language-go">"#))
        #expect(first.contains(#"<a href="/custom/second/">the second post</a>"#))
        #expect(first.contains("<code>{{&lt; youtube ID &gt;}}</code>"))
        #expect(try site.read("posts/index.html").contains("All posts"))
        #expect(summary.warnings.contains { $0.file == "content/posts/first-post.md" && $0.line == 24 })
    }

    @Test func jekyllBlogWithPostsLiquidAndATimeZone() async throws {
        let (site, summary, entries) = try await build("jekyll")
        #expect(
            entries == [
                Entry(
                    url: "https://ruby.example.org/2023/02/01/second.html", title: "Second: a colon",
                    date: "2023-02-01T00:00:00-08:00", tags: ["meta"]),
                Entry(
                    url: "https://ruby.example.org/2023/01/29/hello-world.html", title: "Hello world",
                    date: "2023-01-29T18:30:22-08:00", tags: ["ruby", "notes", "life"]),
            ])
        try expectRedirect(site, "hello/index.html", to: "https://ruby.example.org/2023/01/29/hello-world.html")
        let hello = try site.read("2023/01/29/hello-world.html")
        #expect(hello.contains(#"<code class="language-ruby">"#))
        #expect(hello.contains("<code>{{ page.title }}</code>"))
        #expect(hello.contains(#"<img src="/assets/pic.png""#))
        #expect(hello.contains(#"<a href="/2023/02/01/second.html">the second post</a>"#))
        #expect(summary.warnings.contains { $0.file == "content/_posts/2023-02-01-second.md" && $0.line == 6 })
    }
}
