import GazetteCore

extension HTMLInspector.Report: Codable {
    private enum CodingKeys: String, CodingKey {
        case diagnostics, ids, references
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        diagnostics = try container.decode([Diagnostic].self, forKey: .diagnostics)
        ids = try container.decode(Set<String>.self, forKey: .ids)
        let packed = try container.decode([UInt8].self, forKey: .references)
        guard let references = Self.unpack(packed) else {
            throw DecodingError.dataCorruptedError(
                forKey: .references, in: container, debugDescription: "damaged references")
        }
        self.references = references
    }

    /// A page has dozens of references; written as one run of bytes rather than a keyed
    /// value each, a site's reports are read back several times faster.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(ids, forKey: .ids)
        try container.encode(Self.pack(references), forKey: .references)
    }

    /// Each reference as its line, then its attribute and its URL, each preceded by its length,
    /// in four little-endian bytes.
    private static func pack(_ references: [HTMLInspector.Reference]) -> [UInt8] {
        var bytes: [UInt8] = []
        func append(_ value: Int) {
            for index in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: UInt32(clamping: value) >> (8 * index))) }
        }
        for reference in references {
            append(reference.line)
            append(reference.attribute.utf8.count)
            bytes += reference.attribute.utf8
            append(reference.url.utf8.count)
            bytes += reference.url.utf8
        }
        return bytes
    }

    /// The references `pack` wrote; `nil` when the bytes are not what it writes.
    private static func unpack(_ bytes: [UInt8]) -> [HTMLInspector.Reference]? {
        var references: [HTMLInspector.Reference] = []
        var offset = 0
        func integer() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            defer { offset += 4 }
            return (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        func text() -> String? {
            guard let count = integer(), offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return String(validating: bytes[offset..<(offset + count)], as: UTF8.self)
        }
        while offset < bytes.count {
            guard let line = integer(), let attribute = text(), let url = text() else { return nil }
            references.append(HTMLInspector.Reference(attribute: attribute, url: url, line: line))
        }
        return references
    }
}
