import GazetteCore

extension HTMLInspector.Report: Codable {
    private enum CodingKeys: String, CodingKey {
        case diagnostics, ids, references
    }

    /// Reads a report back; its references stay packed until asked for (a cache file is
    /// checked whole before anything is read from it).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let diagnostics = try container.decode([Diagnostic].self, forKey: .diagnostics)
        guard let ids = Self.unpackTexts(try container.decode([UInt8].self, forKey: .ids)) else {
            throw DecodingError.dataCorruptedError(forKey: .ids, in: container, debugDescription: "damaged ids")
        }
        self.init(
            diagnostics: diagnostics, ids: Set(ids),
            storedReferences: .packed(try container.decode([UInt8].self, forKey: .references)))
    }

    /// A page has dozens of references and ids; written as runs of bytes rather than a value
    /// each, a site's reports are read back several times faster.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(Self.pack(texts: ids.sorted()), forKey: .ids)
        switch storedReferences {
        case .references(let references): try container.encode(Self.pack(references), forKey: .references)
        case .packed(let bytes): try container.encode(bytes, forKey: .references)
        }
    }

    /// Texts, each preceded by its length.
    private static func pack(texts: [String]) -> [UInt8] {
        var writer = ByteRunWriter()
        for text in texts { writer.append(text) }
        return writer.bytes
    }

    /// The texts `pack(texts:)` wrote; `nil` when the bytes are not what it writes.
    private static func unpackTexts(_ bytes: [UInt8]) -> [String]? {
        var reader = ByteRunReader(bytes)
        var texts: [String] = []
        while !reader.isAtEnd {
            guard let text = reader.text() else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// Each reference as its line, then its attribute and its URL.
    private static func pack(_ references: [HTMLInspector.Reference]) -> [UInt8] {
        var writer = ByteRunWriter()
        for reference in references {
            writer.append(reference.line)
            writer.append(reference.attribute)
            writer.append(reference.url)
        }
        return writer.bytes
    }

    /// The references `pack` wrote; `nil` when the bytes are not what it writes.
    static func unpack(_ bytes: [UInt8]) -> [HTMLInspector.Reference]? {
        var reader = ByteRunReader(bytes)
        var references: [HTMLInspector.Reference] = []
        while !reader.isAtEnd {
            guard let line = reader.number(), let attribute = reader.text(), let url = reader.text() else { return nil }
            references.append(HTMLInspector.Reference(attribute: attribute, url: url, line: line))
        }
        return references
    }
}
