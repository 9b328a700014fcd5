import GazetteCore
import SiteModel
import TestSupport
import Testing

@Suite struct SitePathsTests {
    @Test func pagePathsAndTheirFiles() {
        #expect(SitePaths.article(section: "news/world", slug: "a") == "/news/world/a/")
        #expect(SitePaths.article(section: "", slug: "a") == "/a/")
        #expect(SitePaths.tag(slug: "swift") == "/tags/swift/")
        #expect(SitePaths.listPage(1, of: "/tags/swift/") == "/tags/swift/")
        #expect(SitePaths.listPage(3, of: "/") == "/page/3/")
        #expect(SitePaths.feed(in: "/tags/swift/", format: .rss) == "/tags/swift/rss.xml")
        #expect(SitePaths.feedArchive(2) == "/archive/feed-2.xml")
    }

    @Test(arguments: [
        ("/", "index.html"), ("/posts/a/", "posts/a/index.html"), ("/404.html", "404.html"),
        ("/tags/swift/feed.xml", "tags/swift/feed.xml"),
    ])
    func outputFilesRoundTrip(sitePath: String, file: String) {
        #expect(SitePaths.outputFile(for: sitePath) == file)
        #expect(SitePaths.sitePath(ofFile: file) == sitePath)
    }

    @Test func urlsCarryTheBaseURL() {
        let paths = Samples.config(baseURL: "https://example.org/blog/").paths
        #expect(paths.basePath == "/blog/")
        #expect(paths.url("/posts/a/") == "/blog/posts/a/")
        #expect(paths.absoluteURL("/posts/a/") == "https://example.org/blog/posts/a/")
        #expect(paths.absoluteURL("/") == "https://example.org/blog/")
    }
}

@Suite struct PageKindTests {
    @Test func requiredTemplatesFollowFromPageKinds() {
        #expect(
            PageKind.requiredTemplates == ["base", "article", "page", "list", "archive", "tags", "subscribe", "404"])
        #expect(PageKind.tag.template == "list" && PageKind.notFound.template == "404")
    }
}

@Suite struct PermalinkTests {
    private let values = SitePaths.PermalinkValues(
        date: Timestamp(year: 2024, month: 3, day: 7).local, section: "posts", slug: "hello",
        fileName: "2024-03-07-Hello",
        titleSlug: "hello-world")

    @Test(arguments: [
        ("/:year/:month/:day/:slug/", "/2024/03/07/hello/"),
        ("/:section/:title/", "/posts/hello-world/"),
        ("/:year/:slug.html", "/2024/hello.html"),
        ("/:year/:i_month/:i_day/:filename:output_ext", "/2024/3/7/2024-03-07-Hello.html"),
        ("/blog/:slug", "/blog/hello/"),
        ("/:short_year/:unknown/:slug/", "/24/:unknown/hello/"),
    ])
    func patternsExpandTokens(pattern: String, expected: String) {
        #expect(SitePaths.permalink(pattern, values) == expected)
    }

    @Test(arguments: [
        ("kyoto/", "/kyoto/"), ("/old/trains.html", "/old/trains.html"), ("a/b", "/a/b/"), ("/", "/"),
    ])
    func writtenPathsAreNormalized(written: String, expected: String) {
        #expect(SitePaths.normalize(written) == expected)
    }

    @Test(arguments: ["../etc/passwd", "a/../../b", "https://x.org/a/", "", "a\\b"])
    func pathsLeavingTheSiteAreRefused(written: String) {
        #expect(SitePaths.normalize(written) == nil)
    }
}
