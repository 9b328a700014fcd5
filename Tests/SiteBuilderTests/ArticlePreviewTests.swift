import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder

/// The page `serve` shows of an edited article before it builds the site again is the page
/// that build makes, or there is none.
@Suite struct ArticlePreviewTests {
    private static let files: [String: String] = [
        "site.yml": "title: Previewed\nbase_url: https://example.org/\n",
        "content/posts/2024-03-01-one.md": "---\ntitle: One\ntags: [a, b]\n---\nFirst.\n",
        "content/posts/2024-03-02-two.md": "---\ntitle: Two\ntags: [a]\n---\nSecond, after [one](2024-03-01-one.md).\n",
        "content/posts/2024-03-03-three.md": "---\ntitle: Three\ntags: [b]\n---\nThird.\n",
        "content/undated.txt": "An undated note, dated by its modification time.\n",
        "content/about.md": "---\ntitle: About\nlayout: page\n---\nAbout us.\n",
    ]
    private static let edited = "content/posts/2024-03-02-two.md"

    private static func render(_ site: TemporarySite) async throws -> RenderedSite {
        var options = BuildOptions(siteFolder: site.folder, now: Timestamp(secondsSinceEpoch: 1_750_000_000))
        options.keepsPreview = true
        return try await SiteBuild.render(options)
    }

    /// Edits that leave the article where it stands: its text, its title, its summary, an
    /// image, a link to another article.
    @Test(arguments: [
        "---\ntitle: Two\ntags: [a]\n---\nSecond, edited: *now* with [three](2024-03-03-three.md).\n",
        "---\ntitle: Two, retitled\ntags: [a]\nsummary: A summary.\n---\nSecond.\n",
        "---\ntitle: Two\ntags: [a]\nimage: /images/two.png\n---\nSecond, with an image.\n",
    ])
    func theEditedPageIsTheOneTheBuildMakes(text: String) async throws {
        try await Self.expectPreview(of: Self.edited, reading: text, at: "posts/two/index.html")
    }

    /// A standalone page edited, keeping its address and title (which the menu shows).
    @Test func anEditedStandalonePageIsTheOneTheBuildMakes() async throws {
        try await Self.expectPreview(
            of: "content/about.md", reading: "---\ntitle: About\nlayout: page\n---\nAbout us, *edited*.\n",
            at: "about/index.html")
    }

    /// The page previewed when the file at `path` reads `text` is the one a build of the
    /// edited site makes, at `output`.
    private static func expectPreview(of path: String, reading text: String, at output: String) async throws {
        let site = try TemporarySite(files)
        let preview = try #require(try await render(site).preview)
        try site.write(path, text)
        let page = try #require(preview.page(for: path))
        let built = try await render(site).files.first { $0.path == page.path }
        #expect(page.path == output)
        #expect(page.source == path)
        #expect(page.bytes != nil && page.bytes == built?.bytes)
    }

    /// Edits that move the article, or that the build would not publish, or cannot read, get
    /// no preview; nor do files that are no published article.
    @Test(arguments: [
        (edited, "---\ntitle: Two\ndate: 2024-02-01\ntags: [a]\n---\nMoved back in time.\n"),
        (edited, "---\ntitle: Two\ntags: [a, b]\n---\nAnother tag.\n"),
        (edited, "---\ntitle: Two\nslug: deux\ntags: [a]\n---\nAnother address.\n"),
        (edited, "---\ntitle: Two\ntags: [a]\ndraft: true\n---\nA draft now.\n"),
        (edited, "---\ntitle: [broken\n---\nUnreadable.\n"),
        ("content/about.md", "---\ntitle: About us\nlayout: page\n---\nA new title, in the menu.\n"),
        ("content/about.md", "---\ntitle: About\n---\nNo longer a standalone page.\n"),
        ("content/posts/2024-03-04-new.md", "---\ntitle: New\n---\nNot in the last build.\n"),
        ("templates/article.mustache", "{{title}}"),
    ])
    func editsThatMoveTheArticleGetNoPreview(path: String, text: String) async throws {
        let site = try TemporarySite(Self.files)
        let preview = try #require(try await Self.render(site).preview)
        try site.write(path, text)
        #expect(preview.page(for: path) == nil)
    }

    /// A deleted article gets no preview; a build that was not asked keeps none.
    @Test func aDeletedArticleAndAnUnaskedBuildHaveNone() async throws {
        let site = try TemporarySite(Self.files)
        let preview = try #require(try await Self.render(site).preview)
        try FileManager.default.removeItem(at: site.folder.appending(path: Self.edited))
        #expect(preview.page(for: Self.edited) == nil)
        #expect(try await SiteBuild.render(BuildOptions(siteFolder: site.folder)).preview == nil)
    }
}
