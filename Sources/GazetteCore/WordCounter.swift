/// Counts the words of text given in pieces: runs of scalars between white space, and each
/// Chinese, Japanese or Korean character a word of its own (those scripts do not put spaces
/// between words). Pieces given one after another join as if they were one text, so a word
/// split across two pieces counts once.
package struct WordCounter {
    /// The words counted so far.
    package private(set) var count = 0
    /// Whether the last scalar given belongs to a word that may go on.
    private var inWord = false

    package init() {}

    /// The words of `text`.
    package static func count(in text: String) -> Int {
        var counter = WordCounter()
        counter.add(text)
        return counter.count
    }

    /// Counts the words of `text`, carrying on a word the text before it left open.
    package mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    /// Counts the words of these UTF-8 bytes, carrying on a word the text before them left
    /// open.
    package mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        bytes.forEachScalar { scalar, _ in
            if Self.isCJK(scalar) {
                count += 1
                inWord = false
            } else if scalar.isWhitespace {
                inWord = false
            } else if !inWord {
                count += 1
                inWord = true
            }
        }
    }

    /// Ends the word being counted, as white space would.
    package mutating func breakWord() {
        inWord = false
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
            true
        default: false
        }
    }
}
