/// A run of bytes made of whole numbers (four little-endian bytes each) and texts (their
/// UTF-8 length as such a number, then their bytes): how a cached value of many small parts
/// (a page's links, its ids) is written as one value instead of a keyed value per part.
package struct ByteRunWriter {
    /// What was written.
    @usableFromInline package internal(set) var bytes: [UInt8] = []

    /// Starts an empty run.
    @inlinable package init() {}

    /// Writes a whole number from 0 to 2³² − 1; others are clamped to that range.
    @inlinable package mutating func append(_ number: Int) {
        for index in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: UInt32(clamping: number) >> (8 * index))) }
    }

    /// Writes a text.
    @inlinable package mutating func append(_ text: String) {
        append(text.utf8.count)
        bytes += text.utf8
    }

    /// Writes a flag as the number 1 or 0.
    @inlinable package mutating func append(flag: Bool) {
        append(flag ? 1 : 0)
    }

    /// Writes whether `value` is there (a flag), then the value with `write` when it is.
    @inlinable package mutating func append<Value>(
        optional value: Value?, _ write: (inout ByteRunWriter, Value) -> Void
    ) {
        append(flag: value != nil)
        if let value { write(&self, value) }
    }

    /// Writes a digest's 32 bytes as they are.
    @inlinable package mutating func append(_ digest: ContentDigest) {
        digest.withBytes { bytes.append(contentsOf: $0) }
    }

    /// Writes whether `text` is there, then the text when it is.
    @inlinable package mutating func append(optional text: String?) {
        append(optional: text) { $0.append($1) }
    }

    /// Writes how many `elements` there are, then each with `write`.
    @inlinable package mutating func append<Element>(
        _ elements: [Element], each write: (inout ByteRunWriter, Element) -> Void
    ) {
        append(elements.count)
        for element in elements { write(&self, element) }
    }
}

/// Reads what `ByteRunWriter` wrote, in the order it was written.
///
/// Both are inlinable, for compilers that inline package code across modules: this
/// toolchain's (Swift 6.3) does not, so other modules call the generic methods unspecialized.
/// (Made public, which it does inline, a rebuild's CPU time did not change measurably.)
package struct ByteRunReader {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline var offset = 0

    /// Reads `bytes` from their start.
    @inlinable package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte was read.
    @inlinable package var isAtEnd: Bool { offset == bytes.count }

    /// The next whole number; `nil` when fewer than four bytes are left.
    @inlinable package mutating func number() -> Int? {
        guard offset + 4 <= bytes.count else { return nil }
        defer { offset += 4 }
        return (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }

    /// The next text; `nil` when the bytes left are not one.
    @inlinable package mutating func text() -> String? {
        textBytes()?.withUnsafeBufferPointer(Self.text)
    }

    /// The next text's bytes, not decoded; `nil` when the bytes left are not a text's.
    @inlinable package mutating func textBytes() -> ArraySlice<UInt8>? {
        guard let count = number(), offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// `run` as a text when it is UTF-8; `nil` when it is not. Decoded, then compared: the
    /// standard library's validating initializer is generic, and looked up type metadata on
    /// every one of the hundreds of thousands of texts a cache file holds.
    @usableFromInline package static func text(_ run: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: run, as: UTF8.self)
        // Decoding replaces what is not UTF-8, which then reads back otherwise.
        let same = text.withUTF8 { decoded in
            guard decoded.count == run.count else { return false }
            for index in 0..<run.count where decoded[index] != run[index] { return false }
            return true
        }
        return same ? text : nil
    }

    /// The next digest; `nil` when fewer than 32 bytes are left.
    @inlinable package mutating func digest() -> ContentDigest? {
        guard offset + 32 <= bytes.count else { return nil }
        defer { offset += 32 }
        return ContentDigest(bytes: bytes[offset..<(offset + 32)])
    }

    /// The next flag; `nil` when the bytes left are not one.
    @inlinable package mutating func flag() -> Bool? {
        number().map { $0 != 0 }
    }

    /// A value `ByteRunWriter.append(optional:_:)` wrote, read with `read`: `.some(nil)` when it
    /// is absent, `nil` when the bytes are not what was written.
    @inlinable package mutating func optional<Value>(_ read: (inout ByteRunReader) -> Value?) -> Value?? {
        switch flag() {
        case false?: .some(nil)
        case true?: read(&self).map { .some($0) }
        case nil: nil
        }
    }

    /// A text `ByteRunWriter.append(optional:)` wrote (see `optional(_:)`).
    @inlinable package mutating func optionalText() -> String?? {
        optional { $0.text() }
    }

    /// The elements `ByteRunWriter.append(_:each:)` wrote, each read with `read`; `nil` when
    /// any is not there. Read one by one rather than made room for first: a damaged count
    /// runs out of bytes, not of memory.
    @inlinable package mutating func list<Element>(_ read: (inout ByteRunReader) -> Element?) -> [Element]? {
        guard let count = number() else { return nil }
        var elements: [Element] = []
        for _ in 0..<count {
            guard let element = read(&self) else { return nil }
            elements.append(element)
        }
        return elements
    }
}
