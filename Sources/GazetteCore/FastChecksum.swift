/// A 64-bit digest in the manner of FNV-1a, over eight-byte words taken in turn by four
/// independent lanes, which the processor works on at once (one lane waits on each multiply
/// before the next word): cheap enough for a hundred megabytes, and enough to notice a damaged
/// file or a changed response body. Not for security or for deciding what may be reused:
/// `ContentDigest` is for that.
public struct FastChecksum: Sendable {
    private static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x100_0000_01b3

    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (basis, basis ^ 1, basis ^ 2, basis ^ 3)
    /// How many whole words were added, which says the lane of the next.
    private var words = 0
    /// Bytes of a word not yet complete, when a part ended inside one.
    private var pending: [UInt8] = []

    /// An empty checksum.
    public init() {}

    /// The checksum of `bytes`.
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        var checksum = FastChecksum()
        bytes.withUnsafeBytes { checksum.add($0) }
        return checksum.value
    }

    /// Adds bytes; adding a buffer in parts gives the same value as adding it whole.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        while !pending.isEmpty, start < bytes.count {
            pending.append(bytes[start])
            start += 1
            if pending.count == 8 {
                addWord(pending.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                pending.removeAll()
            }
        }
        // Single words up to the first lane, then four words at a time, then single words.
        while words % 4 != 0, bytes.count - start >= 8 {
            addWord(bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            start += 8
        }
        let blocks = (bytes.count - start) / 32
        var (first, second, third, fourth) = lanes
        for block in 0..<blocks {
            let offset = start + block * 32
            first = (first ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* Self.prime
            second = (second ^ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* Self.prime
            third = (third ^ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)) &* Self.prime
            fourth = (fourth ^ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)) &* Self.prime
        }
        lanes = (first, second, third, fourth)
        words += blocks * 4
        start += blocks * 32
        while bytes.count - start >= 8 {
            addWord(bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            start += 8
        }
        pending += bytes[start...]
    }

    private mutating func addWord(_ word: UInt64) {
        switch words % 4 {
        case 0: lanes.0 = (lanes.0 ^ word) &* Self.prime
        case 1: lanes.1 = (lanes.1 ^ word) &* Self.prime
        case 2: lanes.2 = (lanes.2 ^ word) &* Self.prime
        default: lanes.3 = (lanes.3 ^ word) &* Self.prime
        }
        words += 1
    }

    /// The digest of everything added: the lanes, the bytes of an incomplete last word, and
    /// how many words there were.
    public var value: UInt64 {
        let combined = [lanes.0, lanes.1, lanes.2, lanes.3, UInt64(words)].reduce(Self.basis) {
            ($0 ^ $1) &* Self.prime
        }
        return pending.reduce(combined) { ($0 ^ UInt64($1)) &* Self.prime }
    }
}
