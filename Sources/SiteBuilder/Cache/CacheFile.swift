import Foundation
import GazetteCore
import SiteModel
import Synchronization
import Syndication

#if canImport(Glibc)
    import Glibc
#endif

/// The build cache on disk, so that one `build-site` run skips what the last one already did:
/// articles read (without their bodies), bodies rendered, pages inspected, links checked and
/// feeds validated, each with the digest of the inputs it came from. A file written by another build of
/// `build-site` is not used; a damaged one is ignored with a warning; neither is ever trusted.
///
/// The cache is two files: a base, which holds every table whole, and a delta beside it, which
/// holds only the rows that differ from the base's and the ids the base holds that are gone.
/// A build that changed little rewrites the delta, not the base's hundred megabytes; once the
/// delta would grow past `largestDelta(forBase:)`, the save writes a new base and no delta. A
/// delta names the checksum of the base it was made against and is ignored with any other.
enum CacheFile {
    /// The base file's name inside the cache folder.
    static let fileName = "build.cache"
    /// The delta file's name inside the cache folder.
    static let deltaFileName = "build.cache.delta"

    private static let magic = Array("GAZETTE BUILD CACHE\n".utf8)
    private static let deltaMagic = Array("GAZETTE BUILD CACHE DELTA\n".utf8)
    /// Bumped whenever the layout of the tables changes meaning.
    private static let formatVersion = 16

    /// The base file a cache was loaded from, which a save writes its delta against.
    final class Base: Sendable {
        /// The mapped file; rows whose archive lies in it are unchanged.
        let file: MappedFile
        /// Its payload's checksum, which a delta names.
        let sum: UInt64
        /// The ids each table of the file holds, each once.
        let ids: [[String]]

        init(file: MappedFile, sum: UInt64, ids: [[String]]) {
            self.file = file
            self.sum = sum
            self.ids = ids
        }
    }

    /// Raised by a build that no longer needs the cache it started loading.
    final class Stop: Sendable {
        private let raised = Atomic(false)

        init() {}

        /// Stops the loading.
        func raise() {
            raised.store(true, ordering: .relaxed)
        }

        /// Whether the loading is to stop.
        var isRaised: Bool { raised.load(ordering: .relaxed) }
    }

    /// How a loading stopped by `Stop` ends.
    private struct Stopped: Error {}

    /// Fills `cache` from the files in `folder`, if there are usable ones. The files are
    /// mapped, not read, and their rows are decoded on all cores; each entry keeps its row's
    /// bytes, so a save copies the rows that did not change instead of encoding them again.
    /// - Parameters:
    ///   - endsTheProcess: Whether the process ends after the build: the rows decoded are then
    ///     left to it (`ProcessEnd`) rather than freed one by one once restored.
    ///   - stop: Raised when the build no longer needs the cache: loading then stops at the
    ///     next row and fills nothing.
    /// - Returns: A warning when a file was there but could not be used because it is damaged.
    static func load(into cache: BuildCache, from folder: URL, endsTheProcess: Bool = false, stop: Stop? = nil)
        -> Diagnostic?
    {
        let url = folder.appending(path: fileName)
        guard let file = MappedFile(url) else { return nil }
        let base: Decoded
        let sum: UInt64
        var linkTable: ContentDigest?
        do {
            guard let (payload, payloadSum) = try checkedPayload(of: file, magic: magic, stop: stop) else {
                return nil
            }
            let tables = try Tables(payload: payload, file: file, count: tableCount + 1, stop: stop)
            base = try Decoded(tables)
            linkTable = try tables.linkTable()
            sum = payloadSum
        } catch is Stopped {
            return nil
        } catch {
            return .warning(url.path, "the build cache is damaged and was ignored (\(error)); building from nothing")
        }
        var delta: Delta?
        var warning: Diagnostic?
        let deltaURL = folder.appending(path: deltaFileName)
        if let deltaFile = MappedFile(deltaURL) {
            do {
                if let (payload, _) = try checkedPayload(of: deltaFile, magic: deltaMagic, base: sum, stop: stop) {
                    let tables = try Tables(payload: payload, file: deltaFile, count: 2 * tableCount + 1, stop: stop)
                    let deltaLinkTable = try tables.linkTable()
                    delta = Delta(rows: try Decoded(tables), removed: try tables.removedIDs())
                    linkTable = deltaLinkTable
                }
            } catch is Stopped {
                return nil
            } catch {
                warning = .warning(
                    deltaURL.path, "the build cache's delta is damaged and was ignored (\(error)); using the rest")
                // The rest stands alone: without the delta, the next build need not say this again.
                try? FileManager.default.removeItem(at: deltaURL)
            }
        }
        if stop?.isRaised == true { return nil }
        restore(base, delta: delta, into: cache)
        cache.checkedLinkTable = linkTable
        cache.base.withLock { $0 = Base(file: file, sum: sum, ids: base.ids) }
        if endsTheProcess { ProcessEnd.keep(base, delta as Any) }
        return warning
    }

    /// Writes what `cache` holds to `folder`, unless nothing changed since it was loaded: as a
    /// delta against the base it was loaded from while that stays small, else as a new base.
    /// Each file is replaced at once.
    static func save(_ cache: BuildCache, to folder: URL) throws {
        let url = folder.appending(path: fileName)
        guard cache.takePersistedChanges() || !FileManager.default.fileExists(atPath: url.path) else { return }
        let base = cache.base.withLock { $0 }
        let deltaURL = folder.appending(path: deltaFileName)
        if let base, let delta = try encodedDelta(of: cache, against: base) {
            try AtomicFileWriter.write(framed(delta, magic: deltaMagic, base: base.sum), to: deltaURL)
            return
        }
        try writeBase(of: cache, to: url)
        // A delta left from before names the old base's checksum, so it could never apply;
        // removed all the same, so it does not take room.
        try? FileManager.default.removeItem(at: deltaURL)
    }

    /// A cache file's parts: its header, then each table preceded by its length.
    private static func framed(_ tables: [[UInt8]], magic: [UInt8], base: UInt64?) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        for table in tables {
            var length: [UInt8] = []
            BinaryArchive.appendInteger(UInt64(table.count), to: &length)
            parts += [length, table]
        }
        let payloadLength = parts.reduce(0) { $0 + $1.count }
        var sum = FastChecksum()
        for part in parts { part.withUnsafeBytes { sum.add($0) } }
        var head = header(magic: magic, base: base) + fields(payloadLength)
        BinaryArchive.appendInteger(sum.value, to: &head)
        return [head] + parts
    }

    /// A cache file's header up to its last two fields, the payload's length and checksum.
    private static func header(magic: [UInt8], base: UInt64?) -> [UInt8] {
        var header = magic
        BinaryArchive.appendInteger(UInt64(identity.utf8.count), to: &header)
        header += identity.utf8
        if let base { BinaryArchive.appendInteger(base, to: &header) }
        return header
    }

    /// Integers as a cache file holds them.
    private static func fields(_ values: Int...) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in values { BinaryArchive.appendInteger(UInt64(value), to: &bytes) }
        return bytes
    }

    /// Writes every table of `cache` to a new base file at `url`, a few hundred rows at a time,
    /// so that the file is never whole in memory: each length is written once known, and the
    /// checksum once the payload is written, read back from the file.
    private static func writeBase(of cache: BuildCache, to url: URL) throws {
        let tables = snapshot(of: cache)
        try AtomicFileWriter.write(to: url) { file in
            try file.append(header(magic: magic, base: nil))
            let fieldsOffset = file.offset
            try file.append(fields(0, 0))
            let payloadStart = file.offset
            for table in tables {
                // The table's length, then the array archive's header, both known once it is written.
                let start = file.offset
                try file.append(fields(0) + BinaryArchive.arrayHeader(length: 0))
                let rowsStart = file.offset
                try table.write(to: &file)
                let length = file.offset - rowsStart
                try file.patch(fields(file.offset - start - 8) + BinaryArchive.arrayHeader(length: length), at: start)
            }
            let linkTable = try linkTableArchive(of: cache)
            try file.append(fields(linkTable.count) + linkTable)
            var trailer = fields(file.offset - payloadStart)
            BinaryArchive.appendInteger(try file.checksum(from: payloadStart), to: &trailer)
            try file.patch(trailer, at: fieldsOffset)
        }
    }

    /// The payload of a cache file's bytes and its checksum; `nil` when the file belongs to
    /// another build of `build-site`, or is a delta made against another base than `base`.
    /// - Throws: When the bytes are not a whole cache file.
    private static func checkedPayload(
        of file: MappedFile, magic: [UInt8], base: UInt64? = nil, stop: Stop?
    ) throws -> (UnsafeBufferPointer<UInt8>, UInt64)? {
        let bytes = file.bytes
        var reader = HeaderReader(bytes: bytes)
        guard try reader.take(magic.count).elementsEqual(magic) else {
            throw BinaryArchive.Damaged(reason: "not a cache file")
        }
        let identityLength = try reader.integer()
        guard identityLength < 4096 else { throw BinaryArchive.Damaged(reason: "header too long") }
        guard String(decoding: try reader.take(Int(identityLength)), as: UTF8.self) == identity else { return nil }
        if let base, try reader.integer() != base { return nil }
        let length = try reader.integer()
        let sum = try reader.integer()
        guard length == UInt64(bytes.count - reader.offset) else {
            throw BinaryArchive.Damaged(reason: "length does not match the file")
        }
        let payload = try reader.take(Int(length))
        // In parts, each given back once summed: decoding reads each table again.
        var check = FastChecksum()
        let part = 8 << 20
        for start in stride(from: 0, to: payload.count, by: part) {
            if stop?.isRaised == true { throw Stopped() }
            let piece = UnsafeBufferPointer(rebasing: payload[start..<min(payload.count, start + part)])
            check.add(UnsafeRawBufferPointer(piece))
            file.release(piece)
        }
        guard check.value == sum else {
            throw BinaryArchive.Damaged(reason: "checksum mismatch")
        }
        return (payload, sum)
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
    fileprivate struct Row<Value: Sendable>: Sendable {
        let id: String
        let key: ContentDigest
        let value: Value
    }

    /// A rendered article without the article, which the read table already holds, as it is
    /// written: its HTML, and its details packed (`RenderingCoding.swift`). A rebuild reads back
    /// where each lies in the row (`ArchivedRendering`): the HTML stays in the file until a page
    /// or feed reads it (`DeferredText`), the details but their header too.
    struct Rendering: Sendable {
        let html: String
        let details: RenderingDetails
    }

    /// Everything of a rendering but its HTML.
    struct RenderingDetails: Sendable {
        let sourcePath: String
        let summary: String
        let wordCount: Int
        let headings: [RenderedArticle.Heading]
        let image: String?
        let warnings: [Diagnostic]
        let markupProblems: [Diagnostic]
        let linkLines: [String: Int]
        let linkLookups: LinkLookups
    }

    /// The tables worth keeping between runs, in the file's order: articles read (without
    /// their bodies), renderings, inspections, link checks, feed validations. Pages, feeds and
    /// feed entries are not kept: pages are reused from the output folder (`PublishedPages`),
    /// feeds are quick to make again from the rendered articles. (The link table's digest
    /// follows them, `linkTableArchive(of:)`.)
    private static let tableCount = 5

    /// The delta of what `cache` holds against `base`: for each table the rows whose archive is
    /// not in `base`'s file, then for each table the ids `base` holds that `cache` does not;
    /// `nil` when that comes to more than `largestDelta(forBase:)`.
    private static func encodedDelta(of cache: BuildCache, against base: Base) throws -> [[UInt8]]? {
        var rows: [[UInt8]] = []
        var removed: [[UInt8]] = []
        for table in snapshot(of: cache, against: base) {
            let written = table.rows.sorted { $0.id < $1.id }
            rows.append(BinaryArchive.array(ofElements: try TableSnapshot.archives(of: written[...])))
            removed.append(try BinaryArchive.encode(table.gone))
        }
        let size = (rows + removed).reduce(0) { $0 + $1.count }
        guard size <= largestDelta(forBase: base.file.bytes.count) else { return nil }
        return rows + removed + [try linkTableArchive(of: cache)]
    }

    /// The last table of a file, after the rows (and in a delta, the ids gone): the digest of
    /// the link table every rendering was checked against (`BuildCache.checkedLinkTable`), or
    /// none.
    private static func linkTableArchive(of cache: BuildCache) throws -> [UInt8] {
        try BinaryArchive.encode(cache.checkedLinkTable.map { [$0] } ?? [])
    }

    /// The most bytes a delta against a base of `baseSize` bytes holds: a thirty-second of
    /// the base, or 64 KiB for a small one. Every later build reads the delta and saves its
    /// rows again, while a new base is written once: after adding an article to a site of
    /// 10,000, which moves a thousand list pages, a delta of 6.6 MB beside a base of 120 MB
    /// made each later one-edit rebuild a quarter of a second slower than a new base did.
    static func largestDelta(forBase baseSize: Int) -> Int {
        max(baseSize / 32, 64 << 10)
    }

    /// One table's rows, ready to be written.
    private struct TableSnapshot {
        /// Each row's id and key, and its archive: the one it was read with, or one made now.
        typealias Row = (
            id: String, key: ContentDigest, archive: @Sendable () throws -> [UInt8], archived: ArchivedRow?
        )
        let rows: [Row]
        /// Against a base: the ids its table holds that these rows and the base's do not, sorted.
        let gone: [String]

        /// Appends the archive of every row to `file`, a few hundred rows at a time.
        func write(to file: inout AtomicFileWriter.Sink) throws {
            let batch = rowsPerTask * 8
            for start in stride(from: 0, to: rows.count, by: batch) {
                for archive in try Self.archives(of: rows[start..<min(rows.count, start + batch)]) {
                    try file.append(archive)
                }
            }
        }

        /// The archives of `rows`, copied from the file they were read from or set aside in
        /// or encoded, on all cores. The pages of those files that the copies brought in are
        /// given back: a file holds its rows in id order, so `rows`, consecutive in that order,
        /// are one span of it. (Given back row by row, they would be brought in again, since
        /// the system maps pages around each one touched.)
        static func archives(of rows: ArraySlice<Row>) throws -> [[UInt8]] {
            let archives = try concurrentMap(rows, chunk: rowsPerTask) { try $0.archive() }
            let copied = Dictionary(grouping: rows.compactMap(\.archived)) { ObjectIdentifier($0.file) }
            for rows in copied.values { rows[0].file.release(spanning: rows.map(\.bytes)) }
            return archives
        }
    }

    /// Every table `cache` keeps in a file, in the file's order, each sorted by id; against
    /// `base`, only the rows whose archive is not in its file, in no particular order (a
    /// delta holds few rows: the whole tables are neither copied nor sorted), with the ids
    /// gone since.
    private static func snapshot(of cache: BuildCache, against base: Base? = nil) -> [TableSnapshot] {
        func against(_ table: Int) -> (file: MappedFile, ids: [String])? { base.map { ($0.file, $0.ids[table]) } }
        return [
            table(cache.read, against: against(0)) { try? $0.get().droppingBody() },
            table(cache.render, against: against(1), keeping: rendering(of:)),
            table(cache.inspections, against: against(2)) { $0 },
            table(cache.links, against: against(3), keeping: PackedDiagnostics.init),
            table(cache.feedValidations, against: against(4), keeping: PackedDiagnostics.init),
        ]
    }

    /// A table's rows as a file keeps them: an entry's archived row as it is, else its value
    /// as `kept` makes it; an entry `kept` makes nothing of is left out. Against a base file
    /// and the ids its table holds, rows archived in that file are left out too, and the ids
    /// the table no longer holds, or holds only as entries left out, are gone.
    private static func table<Value, Kept: Encodable & Sendable>(
        _ stage: StageCache<Value>, against base: (file: MappedFile, ids: [String])?, keeping kept: (Value) -> Kept?
    ) -> TableSnapshot {
        var leftOut: Set<String> = []
        let delta = base.map { stage.delta(against: $0.file, ids: $0.ids) }
        let rows = rows(of: delta?.rows ?? stage.snapshot(), keeping: kept) { leftOut.insert($0) }
        let gone = base.map { base in
            ((delta?.missing ?? []) + (leftOut.isEmpty ? [] : base.ids.filter(leftOut.contains))).sorted()
        }
        return TableSnapshot(rows: rows, gone: gone ?? [])
    }

    /// Entries as a file keeps them (`table`); `leftOut` is told the id of each left out.
    private static func rows<Value, Kept: Encodable & Sendable>(
        of entries: [StageCache<Value>.Row], keeping kept: (Value) -> Kept?, leftOut: (String) -> Void = { _ in }
    ) -> [TableSnapshot.Row] {
        entries.compactMap { entry in
            if let archived = entry.archived { return (entry.id, entry.key, { Array(archived.bytes) }, archived) }
            guard let value = entry.value.flatMap(kept) else {
                leftOut(entry.id)
                return nil
            }
            let row = Row(id: entry.id, key: entry.key, value: value)
            return (entry.id, entry.key, { try BinaryArchive.encode(row) }, nil)
        }
    }

    /// A rendered article as a file keeps it.
    private static func rendering(of rendered: RenderedArticle) -> Rendering {
        Rendering(
            html: rendered.html,
            details: RenderingDetails(
                sourcePath: rendered.article.sourcePath, summary: rendered.summary, wordCount: rendered.wordCount,
                headings: rendered.headings, image: rendered.image, warnings: rendered.warnings,
                markupProblems: rendered.markupProblems, linkLines: rendered.linkLines,
                linkLookups: rendered.linkLookups))
    }

    /// Sets aside the renderings the build made, which a build that exits once published needs
    /// only to save: they are archived into a `RowSpool` in `folder`, then let go of, so that
    /// validation does not run beside every article's HTML. The save writes them as if they
    /// were held; a rendering asked for again is made again. Renderings read from the cache
    /// file stay: their HTML is still in the file. When the spool cannot be written, the
    /// renderings stay held.
    static func setAsideRenderings(of cache: BuildCache, in folder: URL) {
        // In the order a save copies them, which gives back each row's pages once copied: pages
        // the system maps ahead of a copy are then those of the rows that come next.
        let entries = cache.render.unarchivedRows().sorted { $0.id < $1.id }
        guard let archived = try? spooled(rows(of: entries, keeping: rendering(of:)), in: folder) else { return }
        cache.render.setAsideValues(archived: archived)
    }

    /// `rows` archived into a new `RowSpool` in `folder`, each by its id with its key and its
    /// archive in the spool's mapping; no spool is made for no rows.
    private static func spooled(_ rows: [TableSnapshot.Row], in folder: URL) throws -> [String: (
        key: ContentDigest, row: ArchivedRow
    )] {
        guard !rows.isEmpty else { return [:] }
        var spool = try RowSpool(in: folder)
        var places: [Range<Int>] = []
        let batch = rowsPerTask * 8
        for start in stride(from: 0, to: rows.count, by: batch) {
            for archive in try TableSnapshot.archives(of: rows[start..<min(rows.count, start + batch)]) {
                places.append(try spool.append(archive))
            }
        }
        let file = try spool.mapped()
        var archived: [String: (key: ContentDigest, row: ArchivedRow)] = [:]
        for (row, place) in zip(rows, places) {
            archived[row.id] = (
                row.key, ArchivedRow(bytes: UnsafeBufferPointer(rebasing: file.bytes[place]), file: file)
            )
        }
        return archived
    }

    /// How many rows one task encodes or decodes.
    private static let rowsPerTask = 256

    /// The rows of the tables of a cache file, found in place.
    fileprivate struct Tables {
        let file: MappedFile
        let rows: [[UnsafeBufferPointer<UInt8>]]
        /// Raised when the rows are no longer needed.
        let stop: Stop?

        /// The `count` tables of `payload`, each preceded by its length.
        init(payload: UnsafeBufferPointer<UInt8>, file: MappedFile, count: Int, stop: Stop?) throws {
            var reader = HeaderReader(bytes: payload)
            var rows: [[UnsafeBufferPointer<UInt8>]] = []
            for _ in 0..<count {
                let length = try reader.integer()
                guard length <= UInt64(payload.count) else { throw BinaryArchive.Damaged(reason: "table too long") }
                rows.append(try BinaryArchive.elements(of: try reader.take(Int(length))))
            }
            guard reader.offset == payload.count else { throw BinaryArchive.Damaged(reason: "trailing bytes") }
            self.file = file
            self.rows = rows
            self.stop = stop
        }

        /// Table `index` decoded on all cores, each row with its bytes; the pages the table was
        /// read from are given back once it is decoded.
        func decode<Value: Decodable & Sendable>(_ index: Int, as type: Value.Type) throws -> [(
            Row<Value>, ArchivedRow
        )] {
            let archived = rows[index].map { ArchivedRow(bytes: $0, file: file) }
            let stop = stop
            let decoded = try concurrentMap(archived, chunk: CacheFile.rowsPerTask) {
                if stop?.isRaised == true { throw Stopped() }
                return (try BinaryArchive.decode(Row<Value>.self, from: $0.bytes), $0)
            }
            if let first = rows[index].first?.baseAddress, let last = rows[index].last {
                file.release(UnsafeBufferPointer(start: first, count: last.baseAddress! + last.count - first))
            }
            return decoded
        }

        /// The digest of the link table the renderings were checked against: the last table.
        func linkTable() throws -> ContentDigest? {
            try rows.last?.map { try BinaryArchive.decode(ContentDigest.self, from: $0) }.first
        }

        /// In a delta, the ids each table of the base holds that are gone: the tables after
        /// the rows' tables.
        func removedIDs() throws -> [Set<String>] {
            try rows[CacheFile.tableCount..<(2 * CacheFile.tableCount)].map { ids in
                Set(try ids.map { try BinaryArchive.decode(String.self, from: $0) })
            }
        }
    }

    /// The rows of a cache file's tables, decoded.
    fileprivate struct Decoded {
        var read: [(Row<ReadArticle>, ArchivedRow)]
        var render: [(Row<ArchivedRendering>, ArchivedRow)]
        var inspections: [(Row<PageInspection>, ArchivedRow)]
        var links: [(Row<[Diagnostic]>, ArchivedRow)]
        var feedValidations: [(Row<[Diagnostic]>, ArchivedRow)]

        init(_ tables: Tables) throws {
            read = try tables.decode(0, as: ReadArticle.self)
            render = try tables.decode(1, as: ArchivedRendering.self)
            inspections = try tables.decode(2, as: PageInspection.self)
            links = try Self.diagnostics(tables.decode(3, as: PackedDiagnostics.self))
            feedValidations = try Self.diagnostics(tables.decode(4, as: PackedDiagnostics.self))
        }

        /// Rows of packed diagnostics, each with its diagnostics as a list.
        private static func diagnostics(_ rows: [(Row<PackedDiagnostics>, ArchivedRow)]) -> [(
            Row<[Diagnostic]>, ArchivedRow
        )] {
            rows.map { row, archived in (Row(id: row.id, key: row.key, value: row.value.diagnostics), archived) }
        }

        /// The ids of each table.
        var ids: [[String]] {
            [
                read.map(\.0.id), render.map(\.0.id), inspections.map(\.0.id), links.map(\.0.id),
                feedValidations.map(\.0.id),
            ]
        }
    }

    /// A delta's rows, which take the place of the base's rows with their ids, and the ids of
    /// the base's rows it removes, by table.
    fileprivate struct Delta {
        let rows: Decoded
        let removed: [Set<String>]
    }

    /// Restores the base's tables into `cache`, each table beside the others, then lays the
    /// delta's over them: its rows in place of those with their ids, the ids it removes gone.
    /// (Merging the rows first copied every row of every table, on one core.)
    private static func restore(_ base: Decoded, delta: Delta?, into cache: BuildCache) {
        /// Rows into `table`, each value as `stored` makes it.
        @Sendable func restore<Value, Stored>(
            _ rows: [(Row<Value>, ArchivedRow)], _ newer: [(Row<Value>, ArchivedRow)]?, removing removed: Set<String>?,
            into table: StageCache<Stored>, as stored: @escaping (Value) -> Stored
        ) {
            func entries(_ rows: [(Row<Value>, ArchivedRow)]) -> some Collection<StageCache<Stored>.Row> {
                rows.lazy.map { .init(id: $0.id, key: $0.key, value: stored($0.value), archived: $1) }
            }
            table.restore(entries(rows), newer: entries(newer ?? []), removing: removed ?? [])
        }
        let newer = delta?.rows
        let removed = delta?.removed
        _ = concurrentMap(4) { part in
            switch part {
            case 0: restore(base.read, newer?.read, removing: removed?[0], into: cache.read, as: { .success($0) })
            case 1: restoreRenderings(base, delta: delta, into: cache)
            case 2:
                restore(
                    base.inspections, newer?.inspections, removing: removed?[2], into: cache.inspections, as: { $0 })
            default:
                restore(base.links, newer?.links, removing: removed?[3], into: cache.links, as: { $0 })
                restore(
                    base.feedValidations, newer?.feedValidations, removing: removed?[4], into: cache.feedValidations,
                    as: { $0 })
            }
        }
    }

    /// Restores the render table, each rendering with its article from the read rows.
    private static func restoreRenderings(_ base: Decoded, delta: Delta?, into cache: BuildCache) {
        var articles = [String: Article](minimumCapacity: base.read.count)
        // The read rows as the delta leaves them: the base's it neither replaces nor removes, then its own.
        let replaced = delta.map { $0.removed[0].union($0.rows.read.map(\.0.id)) } ?? []
        for (row, _) in base.read where !replaced.contains(row.id) {
            articles[row.value.article.sourcePath] = row.value.article
        }
        for (row, _) in delta?.rows.read ?? [] { articles[row.value.article.sourcePath] = row.value.article }
        // Each rendering's details are read up to their header; the rest stays in the file
        // until a page or feed reads it. A row whose header cannot be read is left out, and
        // rendered again.
        func renderings(_ rows: [(Row<ArchivedRendering>, ArchivedRow)]) -> [StageCache<RenderedArticle>.Row] {
            rows.compactMap { row, archived in
                let value = row.value
                let details = { @Sendable in Array(UnsafeBufferPointer(rebasing: archived.bytes[value.details.range])) }
                guard let header = RenderingDetails.Header(packed: details()),
                    let article = articles[header.sourcePath]
                else { return nil }
                let html = DeferredText(utf8Count: value.html.range.count) {
                    String(decoding: UnsafeBufferPointer(rebasing: archived.bytes[value.html.range]), as: UTF8.self)
                }
                let deferred = RenderedArticle.DeferredDetails(
                    counts: header.counts, linkLookupsDigest: header.linkLookupsDigest,
                    linkLinesDigest: header.linkLinesDigest
                ) {
                    // The file is never written in place (a new one replaces it): its bytes
                    // are those whose header was read.
                    guard let made = RenderingDetails(packed: details()) else {
                        fatalError("the build cache's rendering of \(header.sourcePath) is damaged")
                    }
                    return made.rendered
                }
                let rendered = RenderedArticle(
                    article: article, html: html, wordCount: header.wordCount, image: header.image, details: deferred)
                return .init(id: row.id, key: row.key, value: rendered.droppingSource(), archived: archived)
            }
        }
        // A base rendering whose article the delta took away is left out, as it would have been
        // had the rows been merged first; one the delta replaces is replaced.
        cache.render.restore(
            renderings(base.render), newer: renderings(delta?.rows.render ?? []), removing: delta?.removed[1] ?? [])
        // Reading the headers brought the table's pages in again: given back, as decoding does.
        for rows in [base.render, delta?.rows.render ?? []] {
            rows.first?.1.file.release(spanning: rows.map(\.1.bytes))
        }
    }
}

/// A row is its id, key and value in turn: a keyed value would look each of the three up by
/// name, in every row of every table a rebuild decodes.
extension CacheFile.Row: Encodable where Value: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(id)
        try container.encode(key)
        try container.encode(value)
    }
}

extension CacheFile.Row: Decodable where Value: Decodable {
    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let id = try container.decode(String.self)
        let key = try container.decode(ContentDigest.self)
        self.init(id: id, key: key, value: try container.decode(Value.self))
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
