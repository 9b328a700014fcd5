import GazetteCore
import MarkdownKit
import Testing

/// A rendered document's word count is the count of the words cmark-gfm's plain-text renderer
/// writes for it, which the count no longer asks it to write.
@Suite struct PlainTextWordsTests {
    private let renderer = MarkdownRenderer()

    /// Each block and inline the renderer writes something of its own for, and words glued
    /// to its marks.
    static let pieces = [
        "plain words here", "glued**strong**words", "a *b* c", "`code span`glued", "~~struck~~", "x~~y~~z",
        "- bullet\n- items\n", "1. one\n2. two\n", "3) paren\n4) items\n", "- [ ] open task\n- [x] done task\n",
        "1. [ ] numbered task\n", "- outer\n  - inner\n    1. deep\n", "- tight\n\n- loose\n", "-\n  empty item\n",
        "| a | b |\n| --- | :-: |\n| 1 | 2 |\n", "| x |\n|--:|\n| ~~y~~ | \n", "| one | two | three |\n|:--|---|--:|\n",
        "Text[^n] with a note.\n\n[^n]: The note *itself*.\n", "Two[^a][^b].\n\n[^a]: A.\n[^b]: B.\n",
        "```\nplain code block\n```\n", "```swift\nlet highlighted = true\n```\n", "    indented code\n",
        "# Heading words\n", "Setext\n===\n", "> quoted\n> lines\n", "<div>raw html block</div>\n",
        "inline <b>html</b>glued",
        "line  \nhard break", "line\\\nbackslash break", "soft\nbreak", "***\n", "![alt text](i.png)glued",
        "[link text](https://example.org)", "https://example.org/autolink", "日本語の文章です", "한국어 단어", "café ☕ emoji",
        "&amp; entities &copy;", "- ```\n  code first in item\n  ```\n", "1. x\n\n```\nafter list\n```\n",
        "- a\n\n1. b\n", "\u{00A0}nbsp\u{2003}em space", "",
    ]

    @Test(arguments: pieces)
    func eachPieceCountsAsItsPlainText(_ markdown: String) {
        #expect(renderer.render(markdown).wordCount == WordCounter.count(in: renderer.plainText(markdown)))
    }

    /// Documents made of the pieces in a seeded random order, so that each piece also stands
    /// after and inside the others' structures.
    @Test func documentsOfPiecesCountAsTheirPlainText() {
        var state: UInt64 = 0x5EED_0F_70
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<400 {
            let markdown = (0..<(1 + next() % 8)).map { _ in Self.pieces[next() % Self.pieces.count] }
                .joined(separator: ["\n", "\n\n", " "][next() % 3])
            #expect(
                renderer.render(markdown).wordCount == WordCounter.count(in: renderer.plainText(markdown)),
                "\(markdown.debugDescription)")
        }
    }

    @Test func countsAreWhatTheTextHolds() {
        #expect(renderer.render("- [ ] open task\n").wordCount == 5)  // -, [, ], open, task
        #expect(renderer.render("| a | b |\n| --- | --- |\n").wordCount == 10)  // | a | b | and | --- | --- |
        #expect(renderer.render("x~~y~~z and `code`").wordCount == 3)
        #expect(renderer.render("日本語").wordCount == 3)
    }
}
