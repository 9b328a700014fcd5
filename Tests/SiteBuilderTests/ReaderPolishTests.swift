import Foundation
import GazetteCore
import TestSupport
import Testing

@testable import SiteBuilder

/// What a reader notices in the default theme: typography, dates, headings and the way a
/// keyboard or a screen reader moves through a page.
@Suite
struct ReaderPolishTests {
    private let site = [
        "site.yml": "title: Polish\nbase_url: https://polish.example.org/\n",
        "content/posts/2024-01-01-first.md":
            "---\ntitle: First\nupdated: 2024-02-01\n---\n\"Quoted\" -- and... done.\n\n## A part\n\nText.\n",
        "content/posts/2024-01-02-second.md": "---\ntitle: Second\nupdated: 2024-01-02T18:00:00Z\n---\nText.\n",
    ]

    @Test func markdownGetsTypographicPunctuationUnlessTurnedOff() async throws {
        let smart = try TemporarySite(site)
        try await smart.build()
        #expect(try smart.read("posts/first/index.html").contains("<p>“Quoted” – and… done.</p>"))
        let plain = try TemporarySite(
            site.merging([
                "site.yml": "title: Polish\nbase_url: https://polish.example.org/\nmarkdown:\n  smart: false\n"
            ]) {
                $1
            })
        try await plain.build()
        #expect(try plain.read("posts/first/index.html").contains("<p>&quot;Quoted&quot; -- and... done.</p>"))
    }

    @Test func anUpdatedDateIsShownWhenItIsAnotherDay() async throws {
        let built = try TemporarySite(site)
        try await built.build()
        #expect(
            try built.read("posts/first/index.html").contains(
                " · Updated <time datetime=\"2024-02-01T00:00:00Z\">1 February 2024</time>"))
        #expect(!(try built.read("posts/second/index.html").contains("Updated")), "updated the same day")
    }

    /// Every page has one `h1`, a skip link to its `main`, and the favicon; heading anchors are
    /// hidden from screen readers, so a heading's name is its text.
    @Test func everyPageIsNavigableByKeyboardAndScreenReader() async throws {
        let built = try TemporarySite(site)
        try await built.build()
        let pages = try built.outputTree().filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 5)
        for (path, data) in pages {
            let page = String(decoding: data, as: UTF8.self)
            #expect(page.components(separatedBy: "<h1").count == 2, "\(path) has one h1")
            #expect(page.contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>"), "\(path)")
            #expect(page.contains("<main id=\"main\">"), "\(path)")
            #expect(page.contains("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"), "\(path)")
        }
        #expect(try built.read("index.html").contains("<h1 class=\"visually-hidden\">Polish</h1>"))
        #expect(
            try built.read("posts/first/index.html").contains(
                "<h2 id=\"a-part\">A part <a class=\"heading-anchor\" href=\"#a-part\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>"
            ))
        #expect(try built.read("assets/favicon.svg").hasPrefix("<svg"))
    }

    /// Articles a reader of the published site would not see carry a label where they are
    /// built (serve, --drafts, --future); a build that leaves them out says how many and why.
    @Test func draftsAndScheduledArticlesAreLabelledAndCounted() async throws {
        let site = try TemporarySite([
            "content/posts/2024-01-01-live.md": "Live.\n",
            "content/posts/2024-01-02-draft.md": "---\ndraft: true\n---\nDraft.\n",
            "content/posts/2099-01-01-later.md": "Later.\n",
            "content/posts/2024-01-03-gone.md": "---\nexpires: 2024-06-01\n---\nGone.\n",
        ])
        let now = Timestamp(year: 2025, month: 1, day: 1)
        let published = try await SiteBuild.run(BuildOptions(siteFolder: site.folder, now: now))
        #expect(published.articles == 1)
        #expect(published.leftOut == BuildSummary.LeftOut(drafts: 1, scheduled: 1, expired: 1))
        #expect(!(try site.read("posts/live/index.html").contains("class=\"status\"")))

        _ = try await SiteBuild.run(
            BuildOptions(siteFolder: site.folder, includeDrafts: true, includeFuture: true, now: now))
        #expect(try site.read("posts/draft/index.html").contains("<span class=\"status\">Draft</span>"))
        #expect(try site.read("posts/later/index.html").contains("<span class=\"status\">Scheduled</span>"))
        let home = try site.read("index.html")
        #expect(home.contains("<span class=\"status\">Draft</span>"))
        #expect(home.contains("<span class=\"status\">Scheduled</span>"))
        #expect(!(try site.read("posts/live/index.html").contains("class=\"status\"")))
    }
}
