/// A run of bytes made of whole numbers (four little-endian bytes each) and texts (their
/// UTF-8 length as such a number, then their bytes): how a cached value of many small parts
/// (a page's links, its ids) is written as one value instead of a keyed value per part.
package struct ByteRunWriter {
    /// What was written.
    package private(set) var bytes: [UInt8] = []

    /// Starts an empty run.
    package init() {}

    /// Writes a whole number from 0 to 2³² − 1; others are clamped to that range.
    package mutating func append(_ number: Int) {
        for index in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: UInt32(clamping: number) >> (8 * index))) }
    }

    /// Writes a text.
    package mutating func append(_ text: String) {
        append(text.utf8.count)
        bytes += text.utf8
    }
}

/// Reads what `ByteRunWriter` wrote, in the order it was written.
package struct ByteRunReader {
    private let bytes: [UInt8]
    private var offset = 0

    /// Reads `bytes` from their start.
    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte was read.
    package var isAtEnd: Bool { offset == bytes.count }

    /// The next whole number; `nil` when fewer than four bytes are left.
    package mutating func number() -> Int? {
        guard offset + 4 <= bytes.count else { return nil }
        defer { offset += 4 }
        return (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }

    /// The next text; `nil` when the bytes left are not one.
    package mutating func text() -> String? {
        guard let count = number(), offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return String(validating: bytes[offset..<(offset + count)], as: UTF8.self)
    }
}
