import Foundation
import GazetteCore
import SiteModel
import Syndication
import XMLKit

#if canImport(Glibc)
    import Glibc
#endif

/// The build cache on disk, so that one `build-site` run skips what the last one already did:
/// articles read (without their bodies), bodies rendered, pages inspected, links checked and
/// feeds validated, each with the digest of the inputs it came from. A file written by another build of
/// `build-site` is not used; a damaged one is ignored with a warning; neither is ever trusted.
enum CacheFile {
    /// The file's name inside the cache folder.
    static let fileName = "build.cache"

    private static let magic = Array("GAZETTE BUILD CACHE\n".utf8)
    /// Bumped whenever the layout of the tables changes meaning.
    private static let formatVersion = 8

    /// Fills `cache` from the file in `folder`, if there is a usable one. The file is mapped,
    /// not read, and its rows are decoded on all cores; each entry keeps its row's bytes, so a
    /// save copies the rows that did not change instead of encoding them again.
    /// - Returns: A warning when a file was there but could not be used because it is damaged.
    static func load(into cache: BuildCache, from folder: URL) -> Diagnostic? {
        let url = folder.appending(path: fileName)
        guard let file = MappedFile(url) else { return nil }
        do {
            guard let payload = try checkedPayload(of: file.bytes) else { return nil }
            try restore(Tables(payload: payload, file: file), into: cache)
            return nil
        } catch {
            return .warning(url.path, "the build cache is damaged and was ignored (\(error)); building from nothing")
        }
    }

    /// Writes what `cache` holds to `folder`, replacing the file at once, unless nothing
    /// changed since it was loaded.
    static func save(_ cache: BuildCache, to folder: URL) throws {
        let url = folder.appending(path: fileName)
        guard cache.takePersistedChanges() || !FileManager.default.fileExists(atPath: url.path) else { return }
        var parts: [[UInt8]] = []
        for table in try encodedTables(of: cache) {
            var length: [UInt8] = []
            BinaryArchive.appendInteger(UInt64(table.count), to: &length)
            parts += [length, table]
        }
        let payloadLength = parts.reduce(0) { $0 + $1.count }
        var sum = FastChecksum()
        for part in parts { part.withUnsafeBytes { sum.add($0) } }
        var header = magic
        BinaryArchive.appendInteger(UInt64(identity.utf8.count), to: &header)
        header += identity.utf8
        BinaryArchive.appendInteger(UInt64(payloadLength), to: &header)
        BinaryArchive.appendInteger(sum.value, to: &header)
        try writeAtomically([header] + parts, to: url)
    }

    /// Writes `parts` one after another to `url` through a temporary file renamed over it, so a
    /// reader sees the old file or the new one, never part of one.
    static func writeAtomically(_ parts: [[UInt8]], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appending(path: ".\(url.lastPathComponent).\(getpid())")
        do {
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(descriptor) }
            for part in parts {
                var offset = 0
                while offset < part.count {
                    let written = part.withUnsafeBytes {
                        Glibc.write(descriptor, $0.baseAddress! + offset, part.count - offset)
                    }
                    guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                    offset += written
                }
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The payload of a cache file's bytes; `nil` when the file belongs to another build of
    /// `build-site`.
    /// - Throws: When the bytes are not a whole cache file.
    private static func checkedPayload(of bytes: UnsafeBufferPointer<UInt8>) throws -> UnsafeBufferPointer<UInt8>? {
        var reader = HeaderReader(bytes: bytes)
        guard try reader.take(magic.count).elementsEqual(magic) else {
            throw BinaryArchive.Damaged(reason: "not a cache file")
        }
        let identityLength = try reader.integer()
        guard identityLength < 4096 else { throw BinaryArchive.Damaged(reason: "header too long") }
        guard String(decoding: try reader.take(Int(identityLength)), as: UTF8.self) == identity else { return nil }
        let length = try reader.integer()
        let sum = try reader.integer()
        guard length == UInt64(bytes.count - reader.offset) else {
            throw BinaryArchive.Damaged(reason: "length does not match the file")
        }
        let payload = try reader.take(Int(length))
        var check = FastChecksum()
        check.add(UnsafeRawBufferPointer(payload))
        guard check.value == sum else {
            throw BinaryArchive.Damaged(reason: "checksum mismatch")
        }
        return payload
    }

    /// Which build of `build-site` wrote a file: the format and the running executable's size
    /// and modification time, so that a rebuilt or upgraded binary never reuses what an
    /// earlier one rendered.
    static let identity: String = {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return "format \(formatVersion)" }
        let modified = "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
        return "format \(formatVersion); executable \(status.st_size) bytes, modified \(modified)"
    }()

    // MARK: - What the file holds

    /// One entry of a table.
    fileprivate struct Row<Value: Codable & Sendable>: Codable, Sendable {
        let id: String
        let key: ContentDigest
        let value: Value
    }

    /// A rendered article without the article, which the read table already holds.
    fileprivate struct Rendering: Codable, Sendable {
        let sourcePath: String
        let html: String
        let summary: String
        let wordCount: Int
        let headings: [RenderedArticle.Heading]
        let image: String?
        let warnings: [Diagnostic]
        let markupProblems: [Diagnostic]
        let linkLines: [String: Int]
    }

    /// The tables worth keeping between runs, in the file's order: articles read (without
    /// their bodies), renderings, inspections, link checks, feed validations. Pages, feeds and
    /// feed entries are not kept: pages are reused from the output folder (`PublishedPages`),
    /// feeds are quick to make again from the rendered articles.
    private static let tableCount = 5

    /// Each table as an array archive of its rows; rows read from a cache file and not changed
    /// since are copied, the others encoded on all cores.
    private static func encodedTables(of cache: BuildCache) throws -> [[UInt8]] {
        let read = cache.read.snapshot().compactMap { entry in
            (try? entry.value.get()).map {
                (Row(id: entry.id, key: entry.key, value: $0.droppingBody()), entry.archived)
            }
        }
        let render = cache.render.snapshot().map { entry in
            let rendered = entry.value
            let rendering = Rendering(
                sourcePath: rendered.article.sourcePath, html: rendered.html, summary: rendered.summary,
                wordCount: rendered.wordCount, headings: rendered.headings, image: rendered.image,
                warnings: rendered.warnings, markupProblems: rendered.markupProblems,
                linkLines: rendered.linkLines)
            return (Row(id: entry.id, key: entry.key, value: rendering), entry.archived)
        }
        return [
            try table(read), try table(render), try table(rows(of: cache.inspections)),
            try table(rows(of: cache.links)),
            try table(rows(of: cache.feedValidations)),
        ]
    }

    private static func rows<Value>(of table: StageCache<Value>) -> [(Row<Value>, ArchivedRow?)] {
        table.snapshot().map { (Row(id: $0.id, key: $0.key, value: $0.value), $0.archived) }
    }

    /// The archive of a table of `rows`.
    private static func table<Value>(_ rows: [(Row<Value>, ArchivedRow?)]) throws -> [UInt8] {
        let chunks = stride(from: 0, to: rows.count, by: rowsPerTask).map {
            rows[$0..<min(rows.count, $0 + rowsPerTask)]
        }
        let encoded = try concurrentMap(chunks.count) { index in
            try chunks[index].map { row, archived in
                try archived.map { Array($0.bytes) } ?? BinaryArchive.encode(row)
            }
        }
        return BinaryArchive.array(ofElements: encoded.flatMap { $0 })
    }

    /// How many rows one task encodes or decodes.
    private static let rowsPerTask = 256

    /// The rows of the tables of a cache file, found in place.
    fileprivate struct Tables {
        let file: MappedFile
        let rows: [[UnsafeBufferPointer<UInt8>]]

        /// The tables of `payload`, each preceded by its length.
        init(payload: UnsafeBufferPointer<UInt8>, file: MappedFile) throws {
            var reader = HeaderReader(bytes: payload)
            var rows: [[UnsafeBufferPointer<UInt8>]] = []
            for _ in 0..<CacheFile.tableCount {
                let length = try reader.integer()
                guard length <= UInt64(payload.count) else { throw BinaryArchive.Damaged(reason: "table too long") }
                rows.append(try BinaryArchive.elements(of: try reader.take(Int(length))))
            }
            guard reader.offset == payload.count else { throw BinaryArchive.Damaged(reason: "trailing bytes") }
            self.file = file
            self.rows = rows
        }

        /// Table `index` decoded on all cores, each row with its bytes.
        func decode<Value: Codable & Sendable>(_ index: Int, as type: Value.Type) throws -> [(
            Row<Value>, ArchivedRow
        )] {
            let archived = rows[index].map { ArchivedRow(bytes: $0, file: file) }
            let chunks = stride(from: 0, to: archived.count, by: CacheFile.rowsPerTask).map {
                archived[$0..<min(archived.count, $0 + CacheFile.rowsPerTask)]
            }
            return try concurrentMap(chunks.count) { index in
                try chunks[index].map { (try BinaryArchive.decode(Row<Value>.self, from: $0.bytes), $0) }
            }.flatMap { $0 }
        }
    }

    private static func restore(_ tables: Tables, into cache: BuildCache) throws {
        func restore<Value>(_ rows: [(Row<Value>, ArchivedRow)], into table: StageCache<Value>) {
            table.restore(rows.map { .init(id: $0.id, key: $0.key, value: $0.value, archived: $1) })
        }
        let read = try tables.decode(0, as: ReadArticle.self)
        let render = try tables.decode(1, as: Rendering.self)
        let inspections = try tables.decode(2, as: HTMLInspector.Report.self)
        let links = try tables.decode(3, as: [Diagnostic].self)
        let feedValidations = try tables.decode(4, as: [Diagnostic].self)
        var articles: [String: Article] = [:]
        for (row, _) in read { articles[row.value.article.sourcePath] = row.value.article }
        cache.read.restore(read.map { .init(id: $0.id, key: $0.key, value: .success($0.value), archived: $1) })
        cache.render.restore(
            render.compactMap { row, archived in
                let value = row.value
                guard let article = articles[value.sourcePath] else { return nil }
                let rendered = RenderedArticle(
                    article: article, html: value.html, summary: value.summary, wordCount: value.wordCount,
                    headings: value.headings, image: value.image, warnings: value.warnings,
                    markupProblems: value.markupProblems, linkLines: value.linkLines)
                return .init(id: row.id, key: row.key, value: rendered.droppingSource(), archived: archived)
            })
        restore(inspections, into: cache.inspections)
        restore(links, into: cache.links)
        restore(feedValidations, into: cache.feedValidations)
    }
}

/// Reads a cache file's header fields in order.
private struct HeaderReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    mutating func take(_ count: Int) throws -> UnsafeBufferPointer<UInt8> {
        guard count >= 0, offset + count <= bytes.count else { throw BinaryArchive.Damaged(reason: "file too short") }
        defer { offset += count }
        return UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func integer() throws -> UInt64 {
        BinaryArchive.integer(try take(8))
    }
}
