import Crypto

/// A SHA-256 digest of content: the same in every process and on every machine (unlike
/// `hashValue`, which Swift seeds per process), so it can key caches that outlive a build.
public struct ContentDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// The SHA-256 of raw bytes, as `sha256sum` prints it.
    public init(of bytes: some Sequence<UInt8>) {
        self.init(digestBytes: Array(SHA256.hash(data: Array(bytes))))
    }

    /// The digest of a value's whole structure: every stored property, by name and value,
    /// down to the leaves, with dictionaries and sets taken in a stable order.
    public init(of value: Any) {
        var hasher = ContentHasher()
        hasher.combine(value)
        self = hasher.finalize()
    }

    init(digestBytes: [UInt8]) {
        bytes = digestBytes
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

    /// Starts an empty digest.
    public init() {}

    /// Adds bytes, with their length.
    public mutating func combine(bytes: [UInt8]) {
        combine(tag: "b", length: bytes.count)
        sha.update(data: bytes)
    }

    /// Adds a text, with its length.
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            combine(tag: "s", length: buffer.count)
            sha.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
    }

    /// Adds another digest.
    public mutating func combine(_ digest: ContentDigest) {
        combine(bytes: digest.bytes)
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
        ContentDigest(digestBytes: Array(sha.finalize()))
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
            for element in elements { sha.update(data: element) }
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
    fileprivate mutating func combine(tag: Character, length: Int) {
        // Short enough to be held inline: hashed without allocating, as this runs for every
        // value of every key.
        var header = "\(tag)\(length):"
        header.withUTF8 { sha.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    fileprivate mutating func combine(tag: Character, text: String) {
        var text = text
        text.withUTF8 { bytes in
            combine(tag: tag, length: bytes.count)
            sha.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
    }

    /// Adds a whole number.
    public mutating func combine(_ number: Int) {
        combine(tag: "i", text: String(number))
    }
}

/// A value cache keys are made of, added to a hasher by its own type: no casts, no reflection.
/// Each adds the same bytes `ContentHasher.combine(_: Any)` would.
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
