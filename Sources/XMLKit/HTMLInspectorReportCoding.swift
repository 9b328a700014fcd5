import GazetteCore

extension HTMLInspector.Report: Codable {
    private enum CodingKeys: String, CodingKey {
        case diagnostics, ids, references
    }

    /// Reads a report back; its ids and references stay packed until asked for (a cache file
    /// is checked whole before anything is read from it).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            diagnostics: try container.decode([Diagnostic].self, forKey: .diagnostics),
            storedIDs: .packed(try container.decode([UInt8].self, forKey: .ids)),
            storedReferences: .packed(try container.decode([UInt8].self, forKey: .references)))
    }

    /// A page has dozens of references and ids; written as runs of bytes rather than a value
    /// each, a site's reports are read back several times faster.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(diagnostics, forKey: .diagnostics)
        switch storedIDs {
        case .ids(let ids): try container.encode(Self.pack(texts: ids.sorted()), forKey: .ids)
        case .packed(let bytes): try container.encode(bytes, forKey: .ids)
        }
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

    /// Whether the texts `pack(texts:)` wrote hold `text`, compared as bytes; `false` when
    /// the bytes are not what it writes.
    static func packedTexts(_ bytes: [UInt8], contain text: String) -> Bool {
        var reader = ByteRunReader(bytes)
        var text = text
        return text.withUTF8 { wanted in
            while !reader.isAtEnd {
                guard let run = reader.textBytes() else { return false }
                if run.elementsEqual(wanted) { return true }
            }
            return false
        }
    }

    /// The texts `pack(texts:)` wrote; `nil` when the bytes are not what it writes.
    static func unpackTexts(_ bytes: [UInt8]) -> [String]? {
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
