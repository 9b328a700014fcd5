import GazetteCore
import Testing

struct FastChecksumTests {
    /// Bytes of every value, in a length that ends inside a word and inside a block of lanes.
    private static let bytes = (0..<1_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }

    /// A file is checksummed as it is written, in buffers of any size: each way of cutting the
    /// bytes gives the value of the whole.
    @Test(arguments: [1, 3, 7, 8, 9, 31, 32, 33, 100, 1_003])
    func addingInPartsGivesTheValueOfTheWhole(partSize: Int) {
        var checksum = FastChecksum()
        for start in stride(from: 0, to: Self.bytes.count, by: partSize) {
            Self.bytes[start..<min(Self.bytes.count, start + partSize)].withUnsafeBytes { checksum.add($0) }
        }
        #expect(checksum.value == FastChecksum.of(Self.bytes))
    }

    /// A flipped bit, two words swapped (in one lane or between two), a byte more or less:
    /// each changes the value.
    @Test func damageChangesTheValue() {
        let whole = FastChecksum.of(Self.bytes)
        var seen: Set<UInt64> = [whole]
        for index in [0, 7, 8, 500, 1_002] {
            var flipped = Self.bytes
            flipped[index] ^= 0x10
            seen.insert(FastChecksum.of(flipped))
        }
        for (first, second) in [(0, 1), (0, 4), (3, 100)] {
            var swapped = Self.bytes
            for offset in 0..<8 { swapped.swapAt(first * 8 + offset, second * 8 + offset) }
            seen.insert(FastChecksum.of(swapped))
        }
        seen.insert(FastChecksum.of(Array(Self.bytes.dropLast())))
        seen.insert(FastChecksum.of(Self.bytes + [0]))
        seen.insert(FastChecksum.of(Array(Self.bytes.prefix(64))))
        seen.insert(FastChecksum.of(Array(Self.bytes.prefix(64)) + [UInt8](repeating: 0, count: 8)))
        #expect(seen.count == 13)
    }
}
