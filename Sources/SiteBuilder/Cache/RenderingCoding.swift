import GazetteCore
import SiteModel

/// The keys of a rendering's archive.
private enum RenderingKeys: String, CodingKey {
    case html, details
}

/// Where a rendering's HTML and details lie in its row, as a rebuild restores it.
///
/// A cache file keeps a rendering's HTML as a value of its own, so that a rebuild can read
/// back where the HTML lies instead of the HTML (`ArchivedPlace`), and its details in one run
/// of bytes (`ByteRunWriter`): the source path, word count, image, how many warnings, markup
/// problems and link lines there are and the digests of the link lookups and lines, then the
/// summary, headings, warnings, markup problems, the source line of each link and the link
/// lookups. A keyed value per field, per heading and per diagnostic made decoding the render
/// table the longest part of loading the cache for a rebuild; then decoding every article's
/// details was, which a rebuild now reads only up to the counts (`RenderingDetails.Header`).
struct ArchivedRendering: Decodable, Sendable {
    let html: ArchivedPlace
    let details: ArchivedPlace

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RenderingKeys.self)
        html = try container.decode(ArchivedPlace.self, forKey: .html)
        details = try container.decode(ArchivedPlace.self, forKey: .details)
    }
}

extension CacheFile.Rendering: Encodable {
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
        guard let header = Header(reading: &reader), let summary = reader.text(),
            let headings = reader.list(Self.heading),
            let warnings = reader.list(PackedDiagnostics.read), warnings.count == header.counts.warnings,
            let markupProblems = reader.list(PackedDiagnostics.read),
            markupProblems.count == header.counts.markupProblems,
            let links = reader.list(Self.linkLine), links.count == header.counts.linkLines,
            let lookups = reader.list(Self.lookup),
            reader.isAtEnd
        else { return nil }
        let linkLookups = LinkLookups(keys: lookups.map(\.key), answers: lookups.map(\.answer))
        let linkLines = Dictionary(links) { first, _ in first }
        guard linkLookups.digest == header.linkLookupsDigest,
            RenderedArticle.linesDigest(of: linkLines) == header.linkLinesDigest
        else { return nil }
        self.init(
            sourcePath: header.sourcePath, summary: summary, wordCount: header.wordCount, headings: headings,
            image: header.image, warnings: warnings, markupProblems: markupProblems,
            linkLines: linkLines, linkLookups: linkLookups)
    }

    /// What a rebuild reads of every rendering it restores, written first: the rest is read
    /// only when a page or feed needs it (`RenderedArticle.DeferredDetails`).
    struct Header {
        let sourcePath: String
        let wordCount: Int
        let image: String?
        /// How many warnings, markup problems and link lines follow.
        let counts: (warnings: Int, markupProblems: Int, linkLines: Int)
        let linkLookupsDigest: ContentDigest?
        let linkLinesDigest: ContentDigest?

        /// The header `bytes` begin with; `nil` when they do not begin with one.
        init?(packed bytes: [UInt8]) {
            var reader = ByteRunReader(bytes)
            self.init(reading: &reader)
        }

        init?(reading reader: inout ByteRunReader) {
            guard let sourcePath = reader.text(), let wordCount = reader.number(), let image = reader.optionalText(),
                let warnings = reader.number(), let markupProblems = reader.number(), let linkLines = reader.number(),
                let lookups = reader.optional({ $0.digest() }), let lines = reader.optional({ $0.digest() })
            else { return nil }
            self.sourcePath = sourcePath
            self.wordCount = wordCount
            self.image = image
            counts = (warnings, markupProblems, linkLines)
            linkLookupsDigest = lookups
            linkLinesDigest = lines
        }
    }

    /// The details in one run of bytes: the header (`Header`), then the summary, headings,
    /// warnings, markup problems, link lines and lookups.
    var packed: [UInt8] {
        var writer = ByteRunWriter()
        writer.append(sourcePath)
        writer.append(wordCount)
        writer.append(optional: image)
        writer.append(warnings.count)
        writer.append(markupProblems.count)
        writer.append(linkLines.count)
        writer.append(optional: linkLookups.digest) { $0.append($1) }
        writer.append(optional: RenderedArticle.linesDigest(of: linkLines)) { $0.append($1) }
        writer.append(summary)
        writer.append(headings) { writer, heading in
            writer.append(heading.level)
            writer.append(heading.id)
            writer.append(heading.text)
        }
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

    /// The details as a rendered article holds them.
    var rendered: RenderedArticle.Details {
        RenderedArticle.Details(
            summary: summary, headings: headings, warnings: warnings, markupProblems: markupProblems,
            linkLines: linkLines, linkLookups: linkLookups)
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
