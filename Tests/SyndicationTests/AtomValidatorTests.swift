import Foundation
import GazetteCore
import Syndication
import Testing

@Suite
struct AtomValidatorTests {
    private func feed(_ body: String, author: Bool = true) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <id>https://example.org/</id>
          <title>T</title>
          <updated>2024-01-01T00:00:00Z</updated>
          <link rel="self" href="https://example.org/feed.xml"/>
        \(author ? "  <author><name>A</name></author>" : "")
        \(body)
        </feed>
        """
    }

    private let entry = """
          <entry>
            <id>tag:example.org,2024-01-01:/a/</id>
            <title>A</title>
            <link href="https://example.org/a/"/>
            <updated>2024-01-01T00:00:00Z</updated>
          </entry>
        """

    private func rules(_ text: String) -> [String] {
        AtomValidator().validate(text).compactMap(\.rule)
    }

    @Test func minimalFeedIsValid() {
        #expect(AtomValidator().validate(feed(entry)) == [])
    }

    @Test func missingTitleIsReportedInPlainWords() throws {
        let text = feed(entry).replacingOccurrences(of: "<title>T</title>", with: "")
        let issues = AtomValidator().validate(text)
        #expect(
            issues.map(\.description) == [
                "feed.xml:2: error: [atom-required] atom:feed has no atom:title, which RFC 4287 requires"
            ])
    }

    @Test func schemaViolationsAreReported() {
        let text = feed(entry.replacingOccurrences(of: "<title>A</title>", with: "<title type=\"markdown\">A</title>"))
        #expect(rules(text) == ["atom-schema"])
    }

    @Test func entryWithoutAnyAuthorIsAnError() {
        #expect(rules(feed(entry, author: false)) == ["atom-author"])
    }

    @Test func duplicateEntryIDsAreAnError() {
        #expect(rules(feed(entry + entry)) == ["atom-id-unique"])
    }

    @Test func relativeIDIsAnError() {
        let text = feed(entry.replacingOccurrences(of: "tag:example.org,2024-01-01:/a/", with: "/a/"))
        #expect(rules(text) == ["atom-id-absolute"])
    }

    @Test func datesMustBeRFC3339() {
        let text = feed(
            entry.replacingOccurrences(
                of: "<updated>2024-01-01T00:00:00Z</updated>", with: "<updated>2024-01-01T00:00:00</updated>"))
        #expect(rules(text).contains("atom-date"))
    }

    @Test func twoAlternateLinksOfOneTypeAreAnError() {
        let text = feed(
            entry.replacingOccurrences(
                of: "<title>A</title>",
                with: "<title>A</title><link rel=\"alternate\" href=\"https://example.org/b/\"/>"))
        #expect(rules(text) == ["atom-alternate-unique"])
    }

    @Test func malformedXMLIsReportedWithItsLine() throws {
        let issues = AtomValidator().validate("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>x</feed>")
        let first = try #require(issues.first)
        #expect(first.rule == "xml-well-formed")
        #expect(first.line == 2)
    }
}
