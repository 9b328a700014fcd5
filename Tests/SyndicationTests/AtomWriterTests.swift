import GazetteCore
import Syndication
import Testing
import XMLKit

@Suite
struct AtomWriterTests {
    static let published = Timestamp(year: 2024, month: 3, day: 1, hour: 9, minute: 30, utcOffsetSeconds: 19_800)

    static func sampleFeed(entries: [FeedEntry]? = nil) -> Feed {
        Feed(
            id: "https://news.example.org/",
            title: "AT&T <News> \"Daily\"",
            language: "en",
            selfURL: "https://news.example.org/feed.xml",
            homePageURL: "https://news.example.org/",
            authors: [Person(name: "Desk", email: "desk@example.org")],
            generator: Generator(name: "Gazette", uri: "https://example.org/gazette"),
            entries: entries ?? [
                FeedEntry(
                    id: TagURI.make(authority: "news.example.org", date: published.isoDate, specific: "/posts/first/"),
                    title: "Fish & <Chips>",
                    url: "https://news.example.org/posts/first/",
                    published: published,
                    updated: published,
                    categories: ["c++", "café"],
                    summary: "A summary with ]]> inside",
                    contentHTML: "<p>Hello <a href=\"https://example.org/\">world</a> &amp; ]]> all</p>"
                )
            ]
        )
    }

    @Test func writtenFeedPassesTheValidator() {
        let document = AtomWriter().write(Self.sampleFeed())
        #expect(document.warnings.isEmpty)
        #expect(AtomValidator().validate(document.text) == [])
    }

    @Test func feedUpdatedIsTheNewestEntryNotTheClock() {
        let text = AtomWriter().write(Self.sampleFeed()).text
        #expect(text.contains("<updated>2024-03-01T09:30:00+05:30</updated>"))
    }

    @Test func textIsEscapedExactlyOnceAndParsesBack() throws {
        let text = AtomWriter().write(Self.sampleFeed()).text
        let root = try #require(XMLDocument.parseXML(text).document?.rootElement)
        let entry = try #require(root.children(named: "entry").first)
        #expect(root.children(named: "title").first?.text == "AT&T <News> \"Daily\"")
        #expect(entry.children(named: "title").first?.text == "Fish & <Chips>")
        #expect(
            entry.children(named: "content").first?.text
                == "<p>Hello <a href=\"https://example.org/\">world</a> &amp; ]]> all</p>")
        #expect(entry.children(named: "category").map { $0.attribute("term") } == ["c++", "café"])
    }

    @Test func forbiddenCharactersAreDroppedWithAWarning() throws {
        var feed = Self.sampleFeed()
        feed.entries[0].title = "Bell\u{07} and form\u{0C}feed"
        let document = AtomWriter().write(feed)
        #expect(document.text.contains("<title type=\"text\">Bell and formfeed</title>"))
        #expect(document.warnings.count == 1)
        #expect(AtomValidator().validate(document.text) == [])
    }

    @Test func emptyFeedIsValidAndDatedAtTheEpoch() {
        var feed = Self.sampleFeed(entries: [])
        feed.entries = []
        let document = AtomWriter().write(feed)
        #expect(document.text.contains("<updated>1970-01-01T00:00:00Z</updated>"))
        #expect(AtomValidator().validate(document.text) == [])
    }
}
