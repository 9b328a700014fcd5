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

    /// The fixture's first sentence is 209 characters long; its headline is the clause before
    /// "during", which reads whole, not a phrase cut at a word with "…".
    @Test func fixtureTitleIsAHeadlineFromItsFirstSentence() {
        let reading = PlainTextArticle.read(Self.fixture)
        #expect(reading.titleLine == nil)
        #expect(
            reading.derivedTitle == "Chinese officials have admitted to directing cyberattacks on U.S. infrastructure")
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
        #expect(reading.derivedTitle == "The talks failed")
    }

    @Test(arguments: [
        ("Short and whole.", "Short and whole"),
        ("Is it over?", "Is it over?"),
        (
            "The regulator approved the merger of the two largest carriers on Tuesday, ending a review that lasted more than two years.",
            "The regulator approved the merger of the two largest carriers on Tuesday"
        ),
        (
            "Ministers from twenty countries met in Brussels for a third day of talks as negotiators struggled to agree on the final wording of a climate pledge.",
            "Ministers from twenty countries met in Brussels for a third day of talks"
        ),
        (
            "Supercalifragilistic expialidocious antidisestablishmentarianism floccinaucinihilipilification pneumonoultramicroscopicsilicovolcanoconiosis words.",
            "Supercalifragilistic expialidocious antidisestablishmentarianism…"
        ),
    ])
    func headlines(sentence: String, expected: String) {
        #expect(Headline.from(sentence) == expected)
    }

    @Test(arguments: [
        ("000_c94a0dcd3f8bb934", true), ("20240301", true), ("3f2504e0-4f89-11d3-9a0c-0305e82c3301", true),
        ("deadbeef", false), ("deadbeef42", true), ("cafe", false), ("hello-world", false), ("2024-review", false),
        ("", false),
    ])
    func opaqueFileNames(name: String, opaque: Bool) {
        #expect(Slug.isOpaqueIdentifier(name) == opaque)
    }

    /// A folder of files named by ids builds into pages at their headlines' words.
    @Test func anOpaqueFileNameIsPublishedUnderItsTitle() async throws {
        let site = try TemporarySite(["content/000_c94a0dcd3f8bb934.txt": Self.fixture])
        try await site.build()
        let page = try site.read(
            "chinese-officials-have-admitted-to-directing-cyberattacks-on-u-s-infrastructure/index.html")
        #expect(
            page.contains("<h1>Chinese officials have admitted to directing cyberattacks on U.S. infrastructure</h1>"))
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

    /// Shortening keeps words whole, collapses the white space between them, counts characters
    /// (not bytes) once a text leaves ASCII, and ends on no weak word or dangling punctuation.
    @Test func shorteningCutsAtWordsInAnyScript() {
        #expect("alpha beta, gamma of delta".shortened(to: 20) == "alpha beta, gamma…")
        #expect("alpha beta, of gamma delta".shortened(to: 14) == "alpha beta…")
        #expect("alpha\r\n\tbeta   gamma delta".shortened(to: 20) == "alpha beta gamma…")
        #expect("alpha beta gamma".shortened(to: 11) == "alpha beta…", "a word ending at the limit is kept")
        #expect("alpha beta gamma".shortened(to: 10) == "alpha beta…")
        #expect("alpha beta gamma".shortened(to: 9) == "alpha…", "a word cut by the limit goes")
        #expect(
            "Ünïcödé wörds “quoted” — and more".shortened(to: 22) == "Ünïcödé wörds “quoted”…", "limit in characters")
        #expect("one\u{00A0}two\u{2009}three four".shortened(to: 15) == "one two three…", "Unicode white space")
        #expect("東京の天気は晴れです今日は".shortened(to: 5) == "東京の天気…", "no white space: cut at the limit")
        #expect("word; of, the".shortened(to: 12) == "word…")
        #expect("👍🏽👍🏽 ok and".shortened(to: 6) == "👍🏽👍🏽 ok…")
    }
}
