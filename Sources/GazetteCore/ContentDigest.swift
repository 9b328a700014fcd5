import Crypto

/// A SHA-256 digest of content: the same in every process and on every machine (unlike
/// `hashValue`, which Swift seeds per process), so it can key caches that outlive a build.
public struct ContentDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The digest's bytes, eight to a word, first byte highest: held inline, as builds keep,
    /// copy and compare hundreds of thousands of digests.
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// The 32 digest bytes.
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// Calls `body` with the 32 digest bytes, without allocating.
    package func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var bigEndian = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian)
        return withUnsafeBytes(of: &bigEndian, body)
    }

    /// The SHA-256 of raw bytes, as `sha256sum` prints it.
    public init(of bytes: some Sequence<UInt8>) {
        self = SHA256.hash(data: Array(bytes)).withUnsafeBytes(Self.init(digestBytes:))
    }

    /// The digest of a value's whole structure: every stored property, by name and value,
    /// down to the leaves, with dictionaries and sets taken in a stable order.
    public init(of value: Any) {
        var hasher = ContentHasher()
        hasher.combine(value)
        self = hasher.finalize()
    }

    /// A digest from the 32 bytes `bytes` gives; `nil` for any other count.
    package init?(bytes: ArraySlice<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self = bytes.withUnsafeBytes(Self.init(digestBytes:))
    }

    /// A digest from its 32 bytes.
    init(digestBytes: UnsafeRawBufferPointer) {
        precondition(digestBytes.count == 32, "a SHA-256 digest has 32 bytes")
        func word(_ index: Int) -> UInt64 {
            UInt64(bigEndian: digestBytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
        words = (word(0), word(1), word(2), word(3))
    }

    /// Coded as its 32 bytes, one value: cache files hold tens of thousands of digests.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let bytes = try container.decode([UInt8].self)
        guard let digest = ContentDigest(bytes: bytes[...]) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a digest has 32 bytes, not \(bytes.count)")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }

    public static func == (left: ContentDigest, right: ContentDigest) -> Bool {
        left.words == right.words
    }

    public func hash(into hasher: inout Hasher) {
        // SHA-256's bits are uniform: one word tells digests apart as well as all four.
        hasher.combine(words.0)
    }

    /// Lower-case hexadecimal.
    public var description: String {
        bytes.map { hex($0) }.joined().lowercased()
    }
}

/// Feeds values into a SHA-256 digest. Every value is written with its kind and length, so
/// different sequences of values never produce the same stream of bytes.
public struct ContentHasher: Sendable {
    private var sha = SHA256()
    /// Bytes not yet given to SHA-256: keys are made of many short parts, and one update per
    /// few kilobytes costs far less than one per part.
    private var pending: [UInt8] = []

    /// Starts an empty digest.
    public init() {}

    /// Adds bytes, with their length.
    public mutating func combine(bytes: [UInt8]) {
        combine(tag: "b", length: bytes.count)
        bytes.withUnsafeBytes { append($0) }
    }

    /// Adds a text, with its length.
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            combine(tag: "s", length: buffer.count)
            append(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Adds another digest.
    public mutating func combine(_ digest: ContentDigest) {
        combine(tag: "b", length: 32)
        digest.withBytes { append($0) }
    }

    /// Adds any value, walking its stored properties by reflection: leaves (text, numbers,
    /// booleans, digests) by value, structures by property name and value, enumerations by
    /// case and payload, dictionaries and sets in the order of their elements' digests.
    public mutating func combine(_ value: Any) {
        switch value {
        case let text as String: combine(text)
        case let text as Substring: combine(String(text))
        case let digest as ContentDigest: combine(digest)
        case let bytes as [UInt8]: combine(bytes: bytes)
        // Lists keys are made of, hashed as reflection would, without its cost.
        case let digests as [ContentDigest]:
            combine(tag: "[", length: digests.count)
            for digest in digests { combine(digest) }
        case let texts as [String]:
            combine(tag: "[", length: texts.count)
            for text in texts { combine(text) }
        case let lists as [[String]]:
            combine(tag: "[", length: lists.count)
            for list in lists { combine(list) }
        case let number as any BinaryInteger: combine(tag: "i", text: String(number))
        case let number as Double: combine(tag: "d", text: String(number.bitPattern))
        case let flag as Bool: combine(tag: "t", text: flag ? "1" : "0")
        default: combine(reflecting: value)
        }
    }

    /// The digest of everything added.
    public func finalize() -> ContentDigest {
        var hasher = self
        hasher.flush()
        return hasher.sha.finalize().withUnsafeBytes(ContentDigest.init(digestBytes:))
    }

    private mutating func combine(reflecting value: Any) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first {
                combine(tag: "?", length: 1)
                combine(wrapped.value)
            } else {
                combine(tag: "?", length: 0)
            }
        case .collection, .tuple:
            combine(tag: "[", length: Int(mirror.children.count))
            for child in mirror.children { combine(child.value) }
        case .dictionary, .set:
            let elements = mirror.children.map { ContentDigest(of: $0.value).bytes }.sorted {
                $0.lexicographicallyPrecedes($1)
            }
            combine(tag: "{", length: elements.count)
            for element in elements { element.withUnsafeBytes { append($0) } }
        case .enum:
            combine(tag: "e", text: String(describing: type(of: value)))
            if let payload = mirror.children.first {
                combine(payload.label ?? "")
                combine(payload.value)
            } else {
                combine(String(describing: value))
            }
        default:
            combine(tag: "o", text: String(describing: type(of: value)))
            let children = Array(mirror.children)
            combine(tag: "(", length: children.count)
            for child in children {
                combine(child.label ?? "")
                combine(child.value)
            }
            // A value that shows no stored properties (a URL, say) is known by its description.
            if children.isEmpty { combine(String(describing: value)) }
        }
    }

    /// Adds a value's kind and length: the tag, the length in decimal digits, and `:`.
    fileprivate mutating func combine(tag: Unicode.Scalar, length: Int) {
        // Written from the right into one small buffer, as this runs for every value of every key.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            buffer[23] = UInt8(ascii: ":")
            let start = Self.write(length, endingAt: 23, in: buffer) - 1
            buffer[start] = UInt8(ascii: tag)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Writes `number` in decimal, as `String(number)` does, into `buffer` just before `end`;
    /// returns the index of its first character.
    private static func write(_ number: Int, endingAt end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var start = end
        var rest = number.magnitude
        repeat {
            start -= 1
            buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
        if number < 0 {
            start -= 1
            buffer[start] = UInt8(ascii: "-")
        }
        return start
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count >= 1024 {
            flush()
            sha.update(bufferPointer: bytes)
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count >= 4096 { flush() }
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { sha.update(bufferPointer: $0) }
        pending.removeAll(keepingCapacity: true)
    }

    fileprivate mutating func combine(tag: Unicode.Scalar, text: String) {
        var text = text
        text.withUTF8 { bytes in
            combine(tag: tag, length: bytes.count)
            append(UnsafeRawBufferPointer(bytes))
        }
    }

    /// Adds a whole number: its decimal digits, as a text tagged `i`.
    public mutating func combine(_ number: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            let digits = Self.write(number, endingAt: 48, in: buffer)
            buffer[digits - 1] = UInt8(ascii: ":")
            let start = Self.write(48 - digits, endingAt: digits - 1, in: buffer) - 1
            buffer[start] = UInt8(ascii: "i")
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}

/// A value cache keys are made of, added to a hasher by its own type: no casts, no reflection.
/// The conformances of this module add the same bytes `ContentHasher.combine(_: Any)` would.
public protocol DigestPart {
    /// Adds the value to `hasher`.
    func combine(into hasher: inout ContentHasher)
}

extension String: DigestPart {
    public func combine(into hasher: inout ContentHasher) { hasher.combine(self) }
}

extension ContentDigest: DigestPart {
    public func combine(into hasher: inout ContentHasher) { hasher.combine(self) }
}

extension Int: DigestPart {
    public func combine(into hasher: inout ContentHasher) { hasher.combine(self) }
}

extension Array: DigestPart where Element: DigestPart {
    public func combine(into hasher: inout ContentHasher) {
        hasher.combine(tag: "[", length: count)
        for element in self { element.combine(into: &hasher) }
    }
}

extension Optional: DigestPart where Wrapped: DigestPart {
    public func combine(into hasher: inout ContentHasher) {
        hasher.combine(tag: "?", length: self == nil ? 0 : 1)
        self?.combine(into: &hasher)
    }
}

extension Timestamp: DigestPart {
    public func combine(into hasher: inout ContentHasher) {
        // As reflection writes a struct: its type, then each stored property by name.
        hasher.combine(tag: "o", text: "Timestamp")
        hasher.combine(tag: "(", length: 3)
        hasher.combine("secondsSinceEpoch")
        hasher.combine(Int(secondsSinceEpoch))
        hasher.combine("fraction")
        hasher.combine(fraction)
        hasher.combine("utcOffsetSeconds")
        hasher.combine(utcOffsetSeconds)
    }
}
