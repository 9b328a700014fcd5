import Testing

@testable import MarkdownKit

@Suite struct HeadingAnchorTests {
    /// ASCII text is slugged on its bytes, to what slugging it by characters gives: every
    /// ASCII character alone and between letters, and a `\r\n` pair, which is one character.
    @Test func asciiSlugsAreSlugsByCharacters() {
        var samples = ["Hello, World!", "a\r\nb", "a\n\rb", "  Tabs\tand\u{0B}more  ", "C++ & Swift_6 -- v1.2", ""]
        for value in UInt8(0)..<0x80 {
            let character = String(UnicodeScalar(value))
            samples += [character, "x\(character)Y"]
        }
        for sample in samples {
            #expect(HeadingAnchor.slug(sample) == HeadingAnchor.slugByCharacters(sample), "\(sample.debugDescription)")
        }
        #expect(HeadingAnchor.slug("Ünïcode Straße") == "ünïcode-straße")
    }

    /// A heading's text is its words joined by single spaces, ASCII or not.
    @Test func headingTextIsSingleSpaced() {
        for sample in ["  a \t b\r\nc  ", "one", "", " \n ", "x\u{0B}y\u{0C}z", "é  ü\u{00A0}ß"] {
            #expect(
                MarkdownRenderer.singleSpaced(sample)
                    == sample.split(whereSeparator: \.isWhitespace).joined(separator: " "), "\(sample.debugDescription)"
            )
        }
    }
}
