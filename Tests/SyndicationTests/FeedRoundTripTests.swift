import Foundation
import GazetteCore
import Syndication
import Testing
import XMLKit

/// Each writer's output, read back with libxml2 or JSON decoding, gives the entries of the
/// model that wrote it; the three formats agree on ids, dates and order.
@Suite
struct FeedRoundTripTests {
    static let feed: Feed = {
        let early = Timestamp(year: 2024, month: 3, day: 1, hour: 9, minute: 30, utcOffsetSeconds: 19_800)
        let late = Timestamp(year: 2024, month: 4, day: 2, hour: 23, minute: 15, utcOffsetSeconds: -25_200)
        let entries = [
            FeedEntry(
                id: "tag:example.org,2024-03-01:/a/", title: "Fish & <Chips>", url: "https://example.org/a/",
                published: early, updated: late,
                authors: [Person(name: "Ann", email: "ann@example.org")], categories: ["c++", "café"], summary: "A < B",
                contentHTML: "<p>x ]]> y &amp; “z”</p>"),
            FeedEntry(
                id: "tag:example.org,2024-04-02:/b/", title: "Second", url: "https://example.org/b/", published: late,
                updated: late,
                authors: [Person(name: "Bo")], contentHTML: "<p>b</p>"),
            FeedEntry(
                id: "tag:example.org,2024-04-02:/c/", title: "Third, same time", url: "https://example.org/c/",
                published: late, updated: late,
                contentHTML: "<p>c</p>"),
        ]
        return Feed(
            id: "https://example.org/", title: "Example", subtitle: "Sub", language: "en",
            selfURL: "https://example.org/feed",
            homePageURL: "https://example.org/", authors: [Person(name: "Desk")], entries: Feed.ordered(entries))
    }()

    @Test func orderIsNewestFirstWithTiesBrokenByURL() {
        #expect(
            Self.feed.entries.map(\.url) == [
                "https://example.org/b/", "https://example.org/c/", "https://example.org/a/",
            ])
    }

    @Test func atomReadsBackToTheModel() throws {
        let root = try #require(XMLDocument.parseXML(AtomWriter().write(Self.feed).text).document?.rootElement)
        let entries = root.children(named: "entry")
        #expect(entries.map { $0.children(named: "id").first?.text } == Self.feed.entries.map(\.id))
        #expect(entries.map { $0.children(named: "title").first?.text } == Self.feed.entries.map(\.title))
        #expect(
            entries.map { $0.children(named: "published").first?.text } == Self.feed.entries.map(\.published.rfc3339))
        #expect(entries.map { $0.children(named: "content").first?.text } == Self.feed.entries.map(\.contentHTML))
        #expect(entries.last?.children(named: "summary").first?.text == "A < B")
    }

    @Test func rssReadsBackToTheModel() throws {
        let text = RSSWriter().write(Self.feed).text
        #expect(RSSValidator().validate(text) == [])
        let channel = try #require(XMLDocument.parseXML(text).document?.rootElement?.children(named: "channel").first)
        let items = channel.children(named: "item")
        #expect(items.map { $0.children(named: "guid").first?.text } == Self.feed.entries.map(\.id))
        #expect(items.map { $0.children(named: "title").first?.text } == Self.feed.entries.map(\.title))
        #expect(
            items.map { $0.children(named: "pubDate").first.flatMap { Timestamp.parseRFC822($0.text) } }
                == Self.feed.entries.map(\.published))
        #expect(
            items.map { $0.children(named: "encoded", namespace: RSSWriter.contentNamespace).first?.text }
                == Self.feed.entries.map(\.contentHTML))
        #expect(items.last?.children(named: "author").first?.text == "ann@example.org (Ann)")
        #expect(items[0].children(named: "creator", namespace: RSSWriter.dublinCoreNamespace).first?.text == "Bo")
        // The description is HTML: the plain summary "A < B" is escaped for HTML, then for XML.
        #expect(items.last?.children(named: "description").first?.text == "A &lt; B")
    }

    @Test func jsonFeedReadsBackToTheModel() throws {
        struct Document: Decodable {
            struct Item: Decodable {
                let id: String
                let title: String
                let url: String
                let contentHTML: String?
                let datePublished: String
                let dateModified: String
                let tags: [String]?

                enum CodingKeys: String, CodingKey {
                    case id, title, url, tags
                    case contentHTML = "content_html"
                    case datePublished = "date_published"
                    case dateModified = "date_modified"
                }
            }
            let version: String
            let items: [Item]
        }
        let text = JSONFeedWriter().write(Self.feed).text
        #expect(JSONFeedValidator().validate(text) == [])
        let document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        #expect(document.version == "https://jsonfeed.org/version/1.1")
        #expect(document.items.map(\.id) == Self.feed.entries.map(\.id))
        #expect(document.items.map(\.title) == Self.feed.entries.map(\.title))
        #expect(document.items.map(\.contentHTML) == Self.feed.entries.map(\.contentHTML))
        #expect(document.items.map(\.datePublished) == Self.feed.entries.map(\.published.rfc3339))
        #expect(document.items.map(\.dateModified) == Self.feed.entries.map(\.updated.rfc3339))
        #expect(document.items.last?.tags == ["c++", "café"])
    }

    @Test func atomOfTheSameModelIsValid() {
        #expect(AtomValidator().validate(AtomWriter().write(Self.feed).text) == [])
    }

    @Test func archiveLinksAndStylesheetAreWritten() {
        var feed = Self.feed
        feed.stylesheetURL = "/assets/feed.xsl"
        feed.archive = ArchiveLinks(
            current: "https://example.org/feed", previousArchive: "https://example.org/archive/feed-1.xml",
            isArchive: true)
        feed.hubURL = "https://hub.example.org/"
        let text = AtomWriter().write(feed).text
        #expect(text.contains("<?xml-stylesheet type=\"text/xsl\" href=\"/assets/feed.xsl\"?>"))
        #expect(text.contains("<fh:archive/>"))
        #expect(
            text.contains(
                "<link rel=\"prev-archive\" type=\"application/atom+xml\" href=\"https://example.org/archive/feed-1.xml\"/>"
            ))
        #expect(text.contains("<link rel=\"hub\" href=\"https://hub.example.org/\"/>"))
        #expect(AtomValidator().validate(text) == [])
    }

    @Test func formatsAreDetectedFromContent() {
        #expect(FeedValidator.detectFormat(of: AtomWriter().write(Self.feed).text) == .atom)
        #expect(FeedValidator.detectFormat(of: RSSWriter().write(Self.feed).text) == .rss)
        #expect(FeedValidator.detectFormat(of: JSONFeedWriter().write(Self.feed).text) == .json)
        #expect(FeedValidator.detectFormat(of: "<?xml version=\"1.0\"?>\n<!-- c -->\n<urlset/>") == nil)
    }

    @Test func selfLinkMustMatchWhereTheFeedIsServed() {
        let text = AtomWriter().write(Self.feed).text
        let issues = AtomValidator().validate(
            text, options: FeedValidationOptions(expectedSelfURL: "https://example.org/other.xml"))
        #expect(issues.map(\.rule) == ["feed-self-link"])
    }
}
