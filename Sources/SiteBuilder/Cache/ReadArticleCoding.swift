import GazetteCore
import SiteModel
import Syndication

/// A read article as a cache file keeps it: one run of bytes (`ByteRunWriter`) holding the
/// article's fields in turn, then its warnings and whether its date is its last commit's.
/// Written as `Article`'s own `Codable` writes it, a keyed value per field and per part of
/// every date, decoding these rows was the longest part of loading the cache for a rebuild.
extension ReadArticle: Codable {
    init(from decoder: any Decoder) throws {
        var reader = ByteRunReader(try decoder.singleValueContainer().decode([UInt8].self))
        guard let article = reader.article(), let warnings = reader.list(PackedDiagnostics.read),
            let hasBody = reader.flag(), let asked = reader.flag(),
            let commitDate = reader.optional({ $0.timestamp() }),
            reader.isAtEnd
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "damaged article"))
        }
        self.init(article: article, warnings: warnings, hasBody: hasBody, commitDate: (asked, commitDate))
    }

    func encode(to encoder: any Encoder) throws {
        var writer = ByteRunWriter()
        let fields = article
        writer.append(fields.sourcePath)
        writer.append(fields.contentPath)
        writer.append(fields.format.rawValue)
        writer.append(fields.title)
        writer.append(fields.date)
        writer.append(optional: fields.updated) { $0.append($1) }
        writer.append(fields.tags) { $0.append($1) }
        writer.append(flag: fields.draft)
        writer.append(optional: fields.summary)
        writer.append(fields.slug)
        writer.append(fields.section)
        writer.append(fields.authors) { writer, person in
            writer.append(person.name)
            writer.append(optional: person.email)
            writer.append(optional: person.uri)
        }
        writer.append(optional: fields.customID)
        writer.append(optional: fields.image)
        writer.append(optional: fields.expires) { $0.append($1) }
        writer.append(flag: fields.tableOfContents)
        writer.append(fields.body)
        writer.append(fields.bodyLine)
        writer.append(fields.path)
        writer.append(fields.aliases) { $0.append($1) }
        writer.append(fields.params) { $0.append($1) }
        writer.append(optional: fields.bundleFolder)
        writer.append(flag: fields.isPage)
        writer.append(warnings, each: PackedDiagnostics.append)
        writer.append(flag: hasBody)
        writer.append(flag: commitDate.asked)
        writer.append(optional: commitDate.date) { $0.append($1) }
        var container = encoder.singleValueContainer()
        try container.encode(writer.bytes)
    }
}

extension ByteRunWriter {
    /// Writes a number that may be negative or beyond 2³² − 1, as its decimal text.
    fileprivate mutating func append(signed number: Int64) {
        append(String(number))
    }

    fileprivate mutating func append(_ timestamp: Timestamp) {
        append(signed: timestamp.secondsSinceEpoch)
        append(timestamp.fraction)
        append(signed: Int64(timestamp.utcOffsetSeconds))
    }

    fileprivate mutating func append(_ entry: MetadataEntry) {
        append(entry.key)
        append(entry.value)
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
            append(flag: flag)
        case .integer(let integer):
            append(2)
            append(signed: Int64(integer))
        case .number(let number):
            append(3)
            append(String(number.bitPattern))
        case .list(let values):
            append(4)
            append(values) { $0.append($1) }
        case .table(let entries):
            append(5)
            append(entries) { $0.append($1) }
        }
    }
}

extension ByteRunReader {
    /// The article `ReadArticle.encode(to:)` wrote; `nil` at the first part that is not there.
    fileprivate mutating func article() -> Article? {
        guard let sourcePath = text(), let contentPath = text(),
            let format = text().flatMap(Article.Format.init(rawValue:)), let title = text(),
            let date = timestamp(), let updated = optional({ $0.timestamp() }), let tags = list({ $0.text() }),
            let draft = flag(), let summary = optionalText(), let slug = text(), let section = text(),
            let authors = list({ $0.person() }), let customID = optionalText(), let image = optionalText(),
            let expires = optional({ $0.timestamp() }), let tableOfContents = flag(), let body = text(),
            let bodyLine = number(), let path = text(), let aliases = list({ $0.text() }),
            let params = list({ $0.entry() }), let bundleFolder = optionalText(), let isPage = flag()
        else { return nil }
        return Article(
            sourcePath: sourcePath, contentPath: contentPath, format: format, title: title, date: date,
            updated: updated, tags: tags, draft: draft, summary: summary, slug: slug, section: section,
            authors: authors, customID: customID, image: image, expires: expires, tableOfContents: tableOfContents,
            body: body, bodyLine: bodyLine, path: path, aliases: aliases, params: params, bundleFolder: bundleFolder,
            isPage: isPage)
    }

    private mutating func signed() -> Int64? {
        text().flatMap { Int64($0) }
    }

    fileprivate mutating func timestamp() -> Timestamp? {
        guard let seconds = signed(), let fraction = text(), let offset = signed() else { return nil }
        return Timestamp(secondsSinceEpoch: seconds, fraction: fraction, utcOffsetSeconds: Int(offset))
    }

    private mutating func person() -> Person? {
        guard let name = text(), let email = optionalText(), let uri = optionalText() else { return nil }
        return Person(name: name, email: email, uri: uri)
    }

    private mutating func entry() -> MetadataEntry? {
        guard let key = text(), let value = value() else { return nil }
        return MetadataEntry(key: key, value: value)
    }

    private mutating func value() -> MetadataValue? {
        switch number() {
        case 0: text().map(MetadataValue.text)
        case 1: flag().map(MetadataValue.bool)
        case 2: signed().map { .integer(Int($0)) }
        case 3: text().flatMap { UInt64($0) }.map { .number(Double(bitPattern: $0)) }
        case 4: list({ $0.value() }).map(MetadataValue.list)
        case 5: list({ $0.entry() }).map(MetadataValue.table)
        default: nil
        }
    }
}
