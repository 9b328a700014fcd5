import GazetteCore
import Testing

struct XMLTextTests {
    @Test(arguments: [
        ("plain \t\n\r text, café, 日本, 😀, \u{FFFD}", 0),
        ("a\u{0}b\u{8}c\u{B}d\u{C}e\u{1F}f", 5),
        ("end \u{FFFE} and \u{FFFF}", 2),
        ("\u{EFBF}\u{BFBE} look-alikes stay", 0),
    ])
    func forbiddenCharactersAreFoundAndRemoved(text: String, removed: Int) {
        let result = XMLText.removingForbiddenCharacters(text)
        #expect(result.removed == removed)
        #expect(result.text.unicodeScalars.allSatisfy(XMLText.isAllowed))
        #expect(result.text.unicodeScalars.count == text.unicodeScalars.count - removed)
    }
}
