import GazetteCore
import SiteModel

/// The keys of a rendering's archive: outside the generic type, so that reading a rendering
/// makes no type at run time.
private enum RenderingKeys: String, CodingKey {
    case html, details
}

/// A rendering as a cache file keeps it: its HTML as a value of its own, so that a rebuild can
/// read back where the HTML lies instead of the HTML (`ArchivedPlace`), and its details in
/// one run of bytes (`ByteRunWriter`): the source path, summary, word count, headings, image,
/// warnings, markup problems, the source line of each link and the link lookups. A keyed
/// value per field, per heading and per diagnostic made decoding the render table the
/// longest part of loading the cache for a rebuild.
extension CacheFile.Rendering: Decodable where HTML: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RenderingKeys.self)
        let html = try container.decode(HTML.self, forKey: .html)
        guard let details = CacheFile.RenderingDetails(packed: try container.decode([UInt8].self, forKey: .details))
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "damaged rendering"))
        }
        self.init(html: html, details: details)
    }
}

extension CacheFile.Rendering: Encodable where HTML: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RenderingKeys.self)
        try container.encode(html, forKey: .html)
        try container.encode(details.packed, forKey: .details)
    }
}

extension CacheFile.RenderingDetails {
    /// The details `bytes` hold; `nil` when they are not what `packed` writes.
    init?(packed bytes: [UInt8]) {
        var reader = ByteRunReader(bytes)
        guard let sourcePath = reader.text(), let summary = reader.text(), let wordCount = reader.number(),
            let headings = reader.list(Self.heading),
            let image = reader.optionalText(),
            let warnings = reader.list(PackedDiagnostics.read),
            let markupProblems = reader.list(PackedDiagnostics.read),
            let links = reader.list(Self.linkLine),
            let lookups = reader.list(Self.lookup),
            reader.isAtEnd
        else { return nil }
        self.init(
            sourcePath: sourcePath, summary: summary, wordCount: wordCount, headings: headings, image: image,
            warnings: warnings, markupProblems: markupProblems, linkLines: Dictionary(links) { first, _ in first },
            linkLookups: LinkLookups(keys: lookups.map(\.key), answers: lookups.map(\.answer)))
    }

    /// The details in one run of bytes.
    var packed: [UInt8] {
        var writer = ByteRunWriter()
        writer.append(sourcePath)
        writer.append(summary)
        writer.append(wordCount)
        writer.append(headings) { writer, heading in
            writer.append(heading.level)
            writer.append(heading.id)
            writer.append(heading.text)
        }
        writer.append(optional: image)
        writer.append(warnings, each: PackedDiagnostics.append)
        writer.append(markupProblems, each: PackedDiagnostics.append)
        // In the URLs' order: the same rendering makes the same bytes.
        writer.append(linkLines.sorted { $0.key < $1.key }) { writer, link in
            writer.append(link.value)
            writer.append(link.key)
        }
        writer.append(Array(zip(linkLookups.keys, linkLookups.answers))) { writer, lookup in
            writer.append(lookup.0)
            writer.append(lookup.1)
        }
        return writer.bytes
    }

    private static func heading(from reader: inout ByteRunReader) -> RenderedArticle.Heading? {
        guard let level = reader.number(), let id = reader.text(), let text = reader.text() else { return nil }
        return RenderedArticle.Heading(level: level, id: id, text: text)
    }

    private static func lookup(from reader: inout ByteRunReader) -> (key: String, answer: String)? {
        guard let key = reader.text(), let answer = reader.text() else { return nil }
        return (key, answer)
    }

    private static func linkLine(from reader: inout ByteRunReader) -> (url: String, line: Int)? {
        guard let line = reader.number(), let url = reader.text() else { return nil }
        return (url, line)
    }
}
