import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

struct PlainTextTests {
    static let fixture = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(
            path: "Fixtures/plain-text/000_c94a0dcd3f8bb934.txt"),
        encoding: .utf8
    )

    @Test func fixtureTitleIsItsFirstSentenceShortenedAtAWord() {
        let reading = PlainTextArticle.read(Self.fixture)
        #expect(reading.titleLine == nil)
        #expect(
            reading.derivedTitle == "Chinese officials have admitted to directing cyberattacks on U.S. infrastructure…")
        #expect(reading.paragraphs.count == 5)
        #expect(reading.paragraphs[1].contains("“indirect and somewhat ambiguous,”"))
    }

    @Test func shortFirstLineWithoutFullStopIsTheTitle() {
        let reading = PlainTextArticle.read(
            "Regulator clears two licences\n\nThe regulator said so. More text.\nSecond paragraph.")
        #expect(reading.titleLine == "Regulator clears two licences")
        #expect(reading.paragraphs == ["The regulator said so. More text.", "Second paragraph."])
    }

    @Test func shortFirstLineEndingInAFullStopIsProse() {
        let reading = PlainTextArticle.read("The talks failed.\nNobody was surprised.")
        #expect(reading.titleLine == nil)
        #expect(reading.derivedTitle == "The talks failed.")
    }

    @Test(arguments: [
        ("The U.S. Senate voted. Then it adjourned.", "The U.S. Senate voted."),
        ("Mr. Smith went to Washington. He stayed.", "Mr. Smith went to Washington."),
        ("Prices rose 2.7 percent in May. Analysts shrugged.", "Prices rose 2.7 percent in May."),
        ("Some rules, e.g. the new ones, apply. Others do not.", "Some rules, e.g. the new ones, apply."),
        ("J. R. Jones spoke first. Then others.", "J. R. Jones spoke first."),
        ("Is it over? Nobody knows.", "Is it over?"),
        ("He said “it is done.” Then he left.", "He said “it is done.”"),
        ("No sentence end at all", "No sentence end at all"),
    ])
    func firstSentence(text: String, expected: String) {
        #expect(Sentences.first(in: text) == expected)
    }

    @Test func paragraphsAreEscapedAndURLsLinked() {
        let html = PlainTextRenderer.html([
            "Fish & chips <b> at https://example.org/menu?a=1&b=2.",
            "See www.example.com, or (https://example.org/x_(y)).",
        ])
        #expect(
            html == """
                <p>Fish &amp; chips &lt;b&gt; at <a href="https://example.org/menu?a=1&amp;b=2">https://example.org/menu?a=1&amp;b=2</a>.</p>
                <p>See <a href="https://www.example.com">www.example.com</a>, or (<a href="https://example.org/x_(y)">https://example.org/x_(y)</a>).</p>

                """)
    }

    @Test func shorteningNeverEndsOnAWeakWord() {
        #expect("one two three of the four five six".shortened(to: 20) == "one two three…")
        #expect("short".shortened(to: 20) == "short")
    }
}
