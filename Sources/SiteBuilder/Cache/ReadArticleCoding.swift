import GazetteCore
import SiteModel
import Syndication

/// A read article as a cache file keeps it: one run of bytes (`ByteRunWriter`) holding the
/// article's fields in turn, then its warnings. Written as `Article`'s own `Codable` writes it,
/// a keyed value per field and per part of every date, decoding these rows was the longest
/// part of loading the cache for a rebuild.
extension ReadArticle: Codable {
    init(from decoder: any Decoder) throws {
        var reader = ArticleReader(bytes: ByteRunReader(try decoder.singleValueContainer().decode([UInt8].self)))
        do {
            self = try reader.readArticle()
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "damaged article"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var writer = ByteRunWriter()
        let fields = article
        writer.append(fields.sourcePath)
        writer.append(fields.contentPath)
        writer.append(fields.format.rawValue)
        writer.append(fields.title)
        writer.append(fields.date)
        writer.append(optional: fields.updated)
        writer.append(fields.tags)
        writer.append(fields.draft ? 1 : 0)
        writer.append(optional: fields.summary)
        writer.append(fields.slug)
        writer.append(fields.section)
        writer.append(fields.authors.count)
        for person in fields.authors {
            writer.append(person.name)
            writer.append(optional: person.email)
            writer.append(optional: person.uri)
        }
        writer.append(optional: fields.customID)
        writer.append(optional: fields.image)
        writer.append(optional: fields.expires)
        writer.append(fields.tableOfContents ? 1 : 0)
        writer.append(fields.body)
        writer.append(fields.bodyLine)
        writer.append(fields.path)
        writer.append(fields.aliases)
        writer.append(entries: fields.params)
        writer.append(optional: fields.bundleFolder)
        writer.append(fields.isPage ? 1 : 0)
        writer.append(warnings.count)
        for warning in warnings { PackedDiagnostics.append(warning, to: &writer) }
        writer.append(hasBody ? 1 : 0)
        var container = encoder.singleValueContainer()
        try container.encode(writer.bytes)
    }
}

extension ByteRunWriter {
    /// Writes a number that may be negative or beyond 2³² − 1, as its decimal text.
    fileprivate mutating func append(signed number: Int64) {
        append(String(number))
    }

    /// Writes whether `text` is there (1 or 0), then the text when it is.
    fileprivate mutating func append(optional text: String?) {
        append(text == nil ? 0 : 1)
        if let text { append(text) }
    }

    /// Writes whether `timestamp` is there (1 or 0), then the timestamp when it is.
    fileprivate mutating func append(optional timestamp: Timestamp?) {
        append(timestamp == nil ? 0 : 1)
        if let timestamp { append(timestamp) }
    }

    fileprivate mutating func append(_ timestamp: Timestamp) {
        append(signed: timestamp.secondsSinceEpoch)
        append(timestamp.fraction)
        append(signed: Int64(timestamp.utcOffsetSeconds))
    }

    fileprivate mutating func append(_ texts: [String]) {
        append(texts.count)
        for text in texts { append(text) }
    }

    fileprivate mutating func append(entries: [MetadataEntry]) {
        append(entries.count)
        for entry in entries {
            append(entry.key)
            append(entry.value)
        }
    }

    /// Writes a front matter value: its kind (0 text, 1 flag, 2 integer, 3 number, 4 list,
    /// 5 table), then what it holds; a number as the bits of its `Double`, so it reads back exact.
    fileprivate mutating func append(_ value: MetadataValue) {
        switch value {
        case .text(let text):
            append(0)
            append(text)
        case .bool(let flag):
            append(1)
            append(flag ? 1 : 0)
        case .integer(let integer):
            append(2)
            append(signed: Int64(integer))
        case .number(let number):
            append(3)
            append(String(number.bitPattern))
        case .list(let values):
            append(4)
            append(values.count)
            for value in values { append(value) }
        case .table(let entries):
            append(5)
            append(entries: entries)
        }
    }
}

/// Reads what `ReadArticle.encode(to:)` wrote, throwing at the first part that is not there.
private struct ArticleReader {
    struct Damaged: Error {}

    var bytes: ByteRunReader

    mutating func readArticle() throws -> ReadArticle {
        let sourcePath = try text()
        let contentPath = try text()
        guard let format = Article.Format(rawValue: try text()) else { throw Damaged() }
        let title = try text()
        let date = try timestamp()
        let updated = try flag() ? try timestamp() : nil
        let tags = try texts()
        let draft = try flag()
        let summary = try optionalText()
        let slug = try text()
        let section = try text()
        let authors = try repeated { reader in
            Person(name: try reader.text(), email: try reader.optionalText(), uri: try reader.optionalText())
        }
        let customID = try optionalText()
        let image = try optionalText()
        let expires = try flag() ? try timestamp() : nil
        let tableOfContents = try flag()
        let body = try text()
        let bodyLine = try number()
        let path = try text()
        let aliases = try texts()
        let params = try entries()
        let bundleFolder = try optionalText()
        let isPage = try flag()
        let article = Article(
            sourcePath: sourcePath, contentPath: contentPath, format: format, title: title, date: date,
            updated: updated, tags: tags, draft: draft, summary: summary, slug: slug, section: section,
            authors: authors, customID: customID, image: image, expires: expires, tableOfContents: tableOfContents,
            body: body, bodyLine: bodyLine, path: path, aliases: aliases, params: params, bundleFolder: bundleFolder,
            isPage: isPage)
        let warnings = try repeated { reader in
            guard let warning = PackedDiagnostics.read(from: &reader.bytes) else { throw Damaged() }
            return warning
        }
        let hasBody = try flag()
        guard bytes.isAtEnd else { throw Damaged() }
        return ReadArticle(article: article, warnings: warnings, hasBody: hasBody)
    }

    private mutating func number() throws -> Int {
        guard let number = bytes.number() else { throw Damaged() }
        return number
    }

    private mutating func text() throws -> String {
        guard let text = bytes.text() else { throw Damaged() }
        return text
    }

    private mutating func flag() throws -> Bool {
        try number() != 0
    }

    private mutating func optionalText() throws -> String? {
        try flag() ? try text() : nil
    }

    private mutating func signed() throws -> Int64 {
        guard let number = Int64(try text()) else { throw Damaged() }
        return number
    }

    private mutating func texts() throws -> [String] {
        try repeated { try $0.text() }
    }

    /// A count, then that many elements read with `element`. Appended one by one rather than
    /// made with room for the count first: a damaged count runs out of bytes, not of memory.
    private mutating func repeated<Element>(_ element: (inout ArticleReader) throws -> Element) throws -> [Element] {
        let count = try number()
        var elements: [Element] = []
        for _ in 0..<count { elements.append(try element(&self)) }
        return elements
    }

    private mutating func timestamp() throws -> Timestamp {
        Timestamp(secondsSinceEpoch: try signed(), fraction: try text(), utcOffsetSeconds: Int(try signed()))
    }

    private mutating func entries() throws -> [MetadataEntry] {
        try repeated { MetadataEntry(key: try $0.text(), value: try $0.value()) }
    }

    private mutating func value() throws -> MetadataValue {
        switch try number() {
        case 0: return .text(try text())
        case 1: return .bool(try flag())
        case 2: return .integer(Int(try signed()))
        case 3:
            guard let bits = UInt64(try text()) else { throw Damaged() }
            return .number(Double(bitPattern: bits))
        case 4: return .list(try repeated { try $0.value() })
        case 5: return .table(try entries())
        default: throw Damaged()
        }
    }
}
