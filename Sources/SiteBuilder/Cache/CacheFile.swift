import Foundation
import GazetteCore
import SiteModel
import Syndication
import XMLKit

#if canImport(Glibc)
    import Glibc
#endif

/// The build cache on disk, so that one `build-site` run skips what the last one already did:
/// articles read (without their bodies), bodies rendered, pages inspected, links checked and feeds validated, each
/// with the digest of the inputs it came from. A file written by another build of
/// `build-site` is not used; a damaged one is ignored with a warning; neither is ever trusted.
enum CacheFile {
    /// The file's name inside the cache folder.
    static let fileName = "build.cache"

    private static let magic = Array("GAZETTE BUILD CACHE\n".utf8)
    /// Bumped whenever the layout of `Snapshot` changes meaning.
    private static let formatVersion = 4

    /// Fills `cache` from the file in `folder`, if there is a usable one.
    /// - Returns: A warning when a file was there but could not be used because it is damaged.
    static func load(into cache: BuildCache, from folder: URL) -> Diagnostic? {
        let url = folder.appending(path: fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            let snapshot = try data.withUnsafeBytes { raw -> Snapshot? in
                let bytes = raw.assumingMemoryBound(to: UInt8.self)
                guard let payload = try checkedPayload(of: bytes) else { return nil }
                return try Snapshot(tables: payload)
            }
            if let snapshot { restore(snapshot, into: cache) }
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
        // Each table is its own archive, so that all cores encode (and later decode) them.
        var parts: [[UInt8]] = []
        for table in try snapshot(of: cache).encodedTables() {
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
    }

    /// The tables worth keeping between runs. Pages, feeds and feed entries are not kept: they
    /// are quick to make again from the rendered articles, and the output folder already holds
    /// their bytes, which the writer links instead of writing again when they are unchanged.
    fileprivate struct Snapshot: Sendable {
        let read: [Row<ReadArticle>]
        let render: [Row<Rendering>]
        let inspections: [Row<HTMLInspector.Report>]
        let links: [Row<[Diagnostic]>]
        let feedValidations: [Row<[ValidationIssue]>]

        /// Each table as an archive of its own, encoded in parallel.
        func encodedTables() throws -> [[UInt8]] {
            let snapshot = self
            return try concurrentMap(5) { index in
                switch index {
                case 0: try BinaryArchive.encode(snapshot.read)
                case 1: try BinaryArchive.encode(snapshot.render)
                case 2: try BinaryArchive.encode(snapshot.inspections)
                case 3: try BinaryArchive.encode(snapshot.links)
                default: try BinaryArchive.encode(snapshot.feedValidations)
                }
            }
        }
    }

    private static func snapshot(of cache: BuildCache) -> Snapshot {
        func rows<Value>(_ table: StageCache<Value>) -> [Row<Value>] {
            table.snapshot().map { Row(id: $0.id, key: $0.key, value: $0.value) }
        }
        return Snapshot(
            read: cache.read.snapshot().compactMap { entry in
                (try? entry.value.get()).map { Row(id: entry.id, key: entry.key, value: $0.droppingBody()) }
            },
            render: cache.render.snapshot().map { entry in
                let rendered = entry.value
                return Row(
                    id: entry.id, key: entry.key,
                    value: Rendering(
                        sourcePath: rendered.article.sourcePath, html: rendered.html, summary: rendered.summary,
                        wordCount: rendered.wordCount, headings: rendered.headings, image: rendered.image,
                        warnings: rendered.warnings))
            },
            inspections: rows(cache.inspections),
            links: rows(cache.links),
            feedValidations: rows(cache.feedValidations)
        )
    }

    private static func restore(_ snapshot: Snapshot, into cache: BuildCache) {
        var articles: [String: Article] = [:]
        for row in snapshot.read { articles[row.value.article.sourcePath] = row.value.article }
        cache.read.restore(snapshot.read.map { ($0.id, $0.key, .success($0.value)) })
        cache.render.restore(
            snapshot.render.compactMap { row in
                let value = row.value
                guard let article = articles[value.sourcePath] else { return nil }
                let rendered = RenderedArticle(
                    article: article, html: value.html, summary: value.summary, wordCount: value.wordCount,
                    headings: value.headings, image: value.image, warnings: value.warnings)
                return (row.id, row.key, rendered.droppingSource())
            })
        cache.inspections.restore(snapshot.inspections.map { ($0.id, $0.key, $0.value) })
        cache.links.restore(snapshot.links.map { ($0.id, $0.key, $0.value) })
        cache.feedValidations.restore(snapshot.feedValidations.map { ($0.id, $0.key, $0.value) })
    }
}

/// The tables of a cache file in memory that outlives the parallel decoding of them.
private struct UncheckedTables: @unchecked Sendable {
    let tables: [UnsafeBufferPointer<UInt8>]
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

// Declared apart so that `Snapshot` keeps its memberwise initializer.
extension CacheFile.Snapshot {
    /// The tables `payload` holds, each preceded by its length, decoded in parallel.
    init(tables payload: UnsafeBufferPointer<UInt8>) throws {
        var reader = HeaderReader(bytes: payload)
        var tables: [UnsafeBufferPointer<UInt8>] = []
        for _ in 0..<5 {
            let length = try reader.integer()
            guard length <= UInt64(payload.count) else { throw BinaryArchive.Damaged(reason: "table too long") }
            tables.append(try reader.take(Int(length)))
        }
        guard reader.offset == payload.count else { throw BinaryArchive.Damaged(reason: "trailing bytes") }
        let parts = UncheckedTables(tables: tables)
        let values = try concurrentMap(5) { index -> any Sendable in
            let bytes = parts.tables[index]
            return switch index {
            case 0: try BinaryArchive.decode([CacheFile.Row<ReadArticle>].self, from: bytes)
            case 1: try BinaryArchive.decode([CacheFile.Row<CacheFile.Rendering>].self, from: bytes)
            case 2: try BinaryArchive.decode([CacheFile.Row<HTMLInspector.Report>].self, from: bytes)
            case 3: try BinaryArchive.decode([CacheFile.Row<[Diagnostic]>].self, from: bytes)
            default: try BinaryArchive.decode([CacheFile.Row<[ValidationIssue]>].self, from: bytes)
            }
        }
        func table<Table>(_ index: Int) throws -> Table {
            guard let table = values[index] as? Table else { throw BinaryArchive.Damaged(reason: "table \(index)") }
            return table
        }
        self.init(
            read: try table(0), render: try table(1), inspections: try table(2), links: try table(3),
            feedValidations: try table(4))
    }
}
