/// A 64-bit FNV-1a digest over eight-byte words: cheap enough for a hundred megabytes, and
/// enough to notice a damaged file or a changed response body. Not for security or for
/// deciding what may be reused: `ContentDigest` is for that.
public struct FastChecksum: Sendable {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
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
                hash = (hash ^ pending.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }) &* 0x100_0000_01b3
                pending.removeAll()
            }
        }
        let words = (bytes.count - start) / 8
        for index in 0..<words {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: start + index * 8, as: UInt64.self)) &* 0x100_0000_01b3
        }
        pending += bytes[(start + words * 8)...]
    }

    /// The digest of everything added.
    public var value: UInt64 {
        pending.reduce(hash) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
