import GazetteCore
import Testing

@Suite struct ContentDigestTests {
    private struct Sample {
        var title: String
        var tags: [String]
        var counts: [String: Int]
        var note: String?
    }

    @Test func knownVectorMatchesSHA256() {
        #expect(
            ContentDigest(of: Array("abc".utf8)).description
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// The framing is the cache file's format: a digest of parts is SHA-256 of each part's
    /// kind, decimal length, colon and bytes, whether parts are short (gathered before hashing),
    /// long (hashed at once) or many (gathered past the buffer's size).
    @Test func partsAreHashedAsKindLengthAndBytes() {
        let long = String(repeating: "é", count: 700)
        let shortParts = (0..<400).map { "part \($0)" }
        var hasher = ContentHasher()
        hasher.combine("ab")
        hasher.combine(long)
        for part in shortParts { hasher.combine(part) }
        hasher.combine(bytes: [1, 2, 3])
        for number in [-12, 0, Int.min, Int.max] { hasher.combine(number) }
        var stream = Array("s2:ab".utf8) + Array("s1400:\(long)".utf8)
        for part in shortParts { stream += Array("s\(part.utf8.count):\(part)".utf8) }
        stream += Array("b3:".utf8) + [1, 2, 3] + Array("i3:-12i1:0".utf8)
        stream += Array("i20:-9223372036854775808i19:9223372036854775807".utf8)
        #expect(hasher.finalize() == ContentDigest(of: stream))
    }

    /// Keys made from typed parts equal keys made by reflection, so either may build a key.
    @Test func typedPartsHashAsReflectionDoes() {
        let dated: Timestamp? = Timestamp(year: 2024, month: 3, day: 1, hour: 9)
        let undated: Timestamp? = nil
        for value in [dated, undated] {
            var typed = ContentHasher()
            value.combine(into: &typed)
            #expect(typed.finalize() == ContentDigest(of: value as Any))
        }
    }

    @Test func equalValuesGiveEqualDigestsWhateverTheDictionaryOrder() {
        var forward: [String: Int] = [:]
        var backward: [String: Int] = [:]
        for index in 0..<50 { forward["k\(index)"] = index }
        for index in (0..<50).reversed() { backward["k\(index)"] = index }
        let one = Sample(title: "A", tags: ["x"], counts: forward, note: nil)
        let two = Sample(title: "A", tags: ["x"], counts: backward, note: nil)
        #expect(ContentDigest(of: one) == ContentDigest(of: two))
    }

    @Test func everyPropertyCounts() {
        let base = Sample(title: "A", tags: ["x", "y"], counts: ["a": 1], note: nil)
        var changed = [base, base, base, base, base]
        changed[0].title = "B"
        changed[1].tags = ["y", "x"]
        changed[2].counts = ["a": 2]
        changed[3].note = ""
        changed[4].tags = ["xy"]
        let digests = Set(([base] + changed).map { ContentDigest(of: $0) })
        #expect(digests.count == 6)
    }

    @Test func adjacentTextsDoNotRunTogether() {
        var first = ContentHasher()
        first.combine("ab")
        first.combine("c")
        var second = ContentHasher()
        second.combine("a")
        second.combine("bc")
        #expect(first.finalize() != second.finalize())
    }

    @Test func timestampsInDifferentOffsetsDiffer() {
        let utc = Timestamp(year: 2024, month: 3, day: 1, hour: 9)
        let shifted = Timestamp(secondsSinceEpoch: utc.secondsSinceEpoch, utcOffsetSeconds: 3600)
        #expect(ContentDigest(of: utc) != ContentDigest(of: shifted))
    }
}

@Suite struct ByteRunTests {
    @Test func numbersAndTextsComeBackInOrder() {
        var writer = ByteRunWriter()
        writer.append(7)
        writer.append("Grüße")
        writer.append("")
        writer.append(70_000)
        #expect(writer.bytes.prefix(8) == [7, 0, 0, 0, 7, 0, 0, 0], "little-endian; the text's length in bytes")
        var reader = ByteRunReader(writer.bytes)
        #expect(reader.number() == 7 && reader.text() == "Grüße" && reader.text() == "" && reader.number() == 70_000)
        #expect(reader.isAtEnd)
        #expect(reader.number() == nil)
    }

    @Test func aTextLongerThanWhatIsLeftIsNotRead() {
        var reader = ByteRunReader([5, 0, 0, 0, 0x61])
        #expect(reader.text() == nil)
        var invalid = ByteRunReader([1, 0, 0, 0, 0xFF])
        #expect(invalid.text() == nil, "not UTF-8")
    }

    /// Bytes that are not UTF-8 are refused, however decoding would repair them: also when
    /// the repair is as long as what it replaces (a cut four-byte sequence, three bytes, reads
    /// as one U+FFFD, three bytes).
    @Test(
        arguments: [
            [0xC3, 0x28], [0xF0, 0x9F, 0x98], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0x61, 0x80, 0x62], [0xC0, 0xAF],
        ] as [[UInt8]])
    func bytesThatAreNotUTF8AreNoText(_ bytes: [UInt8]) {
        var reader = ByteRunReader([UInt8(bytes.count), 0, 0, 0] + bytes)
        #expect(reader.text() == nil)
    }

    @Test func textsOfEveryWidthAreRead() {
        for text in ["a", "é", "€uro", "😀", "Ça «marche» 😀 ok", String(repeating: "ß", count: 300)] {
            var writer = ByteRunWriter()
            writer.append(text)
            var reader = ByteRunReader(writer.bytes)
            #expect(reader.text() == text)
        }
    }
}
