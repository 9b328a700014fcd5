import GazetteCore
import SiteModel

/// A rendering as a cache file keeps it: its HTML as a value of its own, so that a rebuild can
/// read back where the HTML lies instead of the HTML (`ArchivedPlace`), and everything else in
/// one run of bytes (`ByteRunWriter`): the source path, summary, word count, headings, image,
/// warnings, markup problems and the source line of each link. A keyed value per field, per
/// heading and per diagnostic made decoding the render table the longest part of loading
/// the cache for a rebuild.
/// The keys of a rendering's archive: outside the generic type, so that reading a rendering
/// makes no type at run time.
private enum RenderingKeys: String, CodingKey {
    case html, details
}

extension CacheFile.Rendering: Decodable where HTML: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RenderingKeys.self)
        let html = try container.decode(HTML.self, forKey: .html)
        guard let details = RenderingDetails(try container.decode([UInt8].self, forKey: .details)) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "damaged rendering"))
        }
        self.init(
            sourcePath: details.sourcePath, html: html, summary: details.summary, wordCount: details.wordCount,
            headings: details.headings, image: details.image, warnings: details.warnings,
            markupProblems: details.markupProblems, linkLines: details.linkLines)
    }
}

/// Everything of a rendering but its HTML, read from its run of bytes outside the generic
/// type: read inside it, every list and optional asked the runtime for its type's metadata.
private struct RenderingDetails {
    let sourcePath: String
    let summary: String
    let wordCount: Int
    let headings: [RenderedArticle.Heading]
    let image: String?
    let warnings: [Diagnostic]
    let markupProblems: [Diagnostic]
    let linkLines: [String: Int]

    /// The details `bytes` hold; `nil` when they are not what encoding wrote.
    init?(_ bytes: [UInt8]) {
        var reader = ByteRunReader(bytes)
        guard let sourcePath = reader.text(), let summary = reader.text(), let wordCount = reader.number(),
            let headings = reader.list(Self.heading),
            let image = reader.optionalText(),
            let warnings = reader.list(PackedDiagnostics.read),
            let markupProblems = reader.list(PackedDiagnostics.read),
            let links = reader.list(Self.linkLine),
            reader.isAtEnd
        else { return nil }
        self.sourcePath = sourcePath
        self.summary = summary
        self.wordCount = wordCount
        self.headings = headings
        self.image = image
        self.warnings = warnings
        self.markupProblems = markupProblems
        linkLines = Dictionary(links) { first, _ in first }
    }

    private static func heading(from reader: inout ByteRunReader) -> RenderedArticle.Heading? {
        guard let level = reader.number(), let id = reader.text(), let text = reader.text() else { return nil }
        return RenderedArticle.Heading(level: level, id: id, text: text)
    }

    private static func linkLine(from reader: inout ByteRunReader) -> (url: String, line: Int)? {
        guard let line = reader.number(), let url = reader.text() else { return nil }
        return (url, line)
    }
}

extension CacheFile.Rendering: Encodable where HTML: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RenderingKeys.self)
        try container.encode(html, forKey: .html)
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
        try container.encode(writer.bytes, forKey: .details)
    }
}
