import Testing

@testable import GazetteCore

@Suite struct ByteSearchTests {
    /// The first offset of `pattern` in `bytes` at or after `start`, one offset at a time.
    private func naiveOffset(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        return (start...(bytes.count - pattern.count)).first { Array(bytes[$0..<($0 + pattern.count)]) == pattern }
    }

    /// Every pattern of one to three bytes from a small alphabet, in texts of every length up to
    /// six, from every start: the same offsets as comparing one offset at a time.
    @Test func firstOffsetFindsWhatANaiveSearchFinds() {
        let alphabet: [UInt8] = Array("ab\n".utf8)
        func words(_ length: Int) -> [[UInt8]] {
            length == 0 ? [[]] : words(length - 1).flatMap { word in alphabet.map { word + [$0] } }
        }
        let patterns = (1...3).flatMap(words)
        for length in 0...6 {
            for text in words(length) {
                text.withUnsafeBufferPointer { buffer in
                    for pattern in patterns {
                        for start in 0...length {
                            #expect(
                                buffer.firstOffset(of: pattern, from: start)
                                    == naiveOffset(of: pattern, in: text, from: start))
                        }
                    }
                }
            }
        }
        [UInt8]().withUnsafeBufferPointer { #expect($0.firstOffset(of: [1]) == nil) }
    }

    /// Searches in text: found by bytes, on the right line, never across a line break.
    @Test func textSearchesFindBytesAndLines() {
        let text = "first line\nsecond <!--more--> line\nthird"
        #expect(text.firstByteRange(of: "<!--more-->").map { text[$0] } == "<!--more-->")
        #expect(text.containsBytes("third") && !text.containsBytes("fourth") && !text.containsBytes(""))
        let lines = LineSearch(text)
        #expect(lines.lineIndex(ofFirst: "line") == 0)
        #expect(lines.lineIndex(ofFirst: "more") == 1)
        #expect(lines.lineIndex(ofFirst: "third") == 2)
        #expect(lines.lineIndex(ofFirst: "line\nsecond") == nil)
    }

    /// The walk over UTF-8 gives the text's scalars, each with the offset just past it.
    @Test func scalarsAreWalkedInOrder() {
        for text in ["", "ascii", "café", "日本語", "a𠀀\u{00A0}b", "e\u{301}\r\n🎉"] {
            var walked: [(Unicode.Scalar, Int)] = []
            var copy = text
            copy.withUTF8 { $0.forEachScalar { walked.append(($0, $1)) } }
            var end = 0
            let expected = text.unicodeScalars.map { scalar -> (Unicode.Scalar, Int) in
                end += String(scalar).utf8.count
                return (scalar, end)
            }
            #expect(walked.map(\.0) == expected.map(\.0) && walked.map(\.1) == expected.map(\.1), "\(text)")
        }
        #expect(Unicode.Scalar(0x20)!.isWhitespace && Unicode.Scalar(0xA0)!.isWhitespace)
        #expect(!Unicode.Scalar(0x61)!.isWhitespace && !Unicode.Scalar(0x1C)!.isWhitespace)
    }
}
