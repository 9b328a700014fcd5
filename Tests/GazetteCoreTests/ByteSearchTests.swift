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
}
