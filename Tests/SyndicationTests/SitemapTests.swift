import GazetteCore
import Syndication
import Testing

@Suite
struct SitemapTests {
    @Test func writtenSitemapIsValid() {
        let sitemap = Sitemap(pages: [
            Sitemap.Page(
                url: "https://example.org/",
                lastModified: Timestamp(year: 2024, month: 3, day: 1, utcOffsetSeconds: 3600)),
            Sitemap.Page(url: "https://example.org/a?b=1&c=2"),
        ])
        let xml = sitemap.xml()
        #expect(xml.contains("<loc>https://example.org/a?b=1&amp;c=2</loc>"))
        #expect(xml.contains("<lastmod>2024-03-01T00:00:00+01:00</lastmod>"))
        #expect(SitemapValidator().validate(xml) == [])
    }

    @Test func brokenSitemapFailsWithTheSchemaMessage() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://example.org/</loc><changefreq>sometimes</changefreq></url>
            </urlset>
            """
        let issue = try #require(SitemapValidator().validate(xml).first)
        #expect(issue.rule == "sitemap-schema")
        #expect(issue.line == 3)
        #expect(issue.message.contains("changefreq"))
    }

    /// An external entity in a sitemap is refused before parsing, with the same message as in
    /// feeds, never libxml2's own.
    @Test func entityDeclarationsAreRefusedUnread() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&secret;</loc></url></urlset>
            """
        #expect(SitemapValidator().validate(xml).map(\.rule) == ["xml-entity"])
    }

    @Test func relativeLocationIsAnError() {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>/relative/page/here</loc></url>
            </urlset>
            """
        #expect(SitemapValidator().validate(xml).map(\.rule) == ["sitemap-loc-absolute"])
    }
}
