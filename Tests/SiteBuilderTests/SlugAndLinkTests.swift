import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

struct SlugAndLinkTests {
    @Test(arguments: [
        ("Hello, World!", "hello-world"),
        ("Café Ünïcode", "cafe-unicode"),
        ("Привет мир", "privet-mir"),
        ("c++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("  --  ", ""),
    ])
    func slugs(text: String, expected: String) {
        #expect(Slug.make(text) == expected)
    }

    @Test func datePrefixIsSplitOff() {
        #expect(Slug.splitDatePrefix("2024-03-01-hello") == ("2024-03-01", "hello"))
        #expect(Slug.splitDatePrefix("hello") == (nil, "hello"))
        #expect(Slug.splitDatePrefix("2024-3-01-x") == (nil, "2024-3-01-x"))
    }

    private let resolver = LinkResolver(
        articlePaths: ["posts/2019-05-04-other.md": "/posts/other/", "news/brief.txt": "/news/brief/"],
        assetPaths: ["images/a.png": "/images/a.png", "posts/b c.png": "/posts/b c.png"],
        basePath: "/blog/"
    )

    @Test func sourceFileLinksBecomeArticleURLs() {
        #expect(resolver.resolve("2019-05-04-other.md", from: "posts/x.md") == "/blog/posts/other/")
        #expect(resolver.resolve("2019-05-04-other.md#part", from: "posts/x.md") == "/blog/posts/other/#part")
        #expect(resolver.resolve("../news/brief.txt", from: "posts/x.md") == "/blog/news/brief/")
        #expect(resolver.resolve("../images/a.png", from: "posts/x.md") == "/blog/images/a.png")
        #expect(resolver.resolve("b%20c.png", from: "posts/x.md") == "/blog/posts/b c.png")
    }

    @Test func otherLinksAreLeftAloneOrGainTheBasePath() {
        #expect(resolver.resolve("https://example.org/a.md", from: "posts/x.md") == nil)
        #expect(resolver.resolve("#top", from: "posts/x.md") == nil)
        #expect(resolver.resolve("/images/a.png", from: "posts/x.md") == "/blog/images/a.png")
        #expect(resolver.resolve("missing.md", from: "posts/x.md") == nil)
        #expect(resolver.resolve("../../../etc/passwd", from: "posts/x.md") == nil)
    }
}
