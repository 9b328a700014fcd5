import Foundation
import GazetteCore
import SiteContent
import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// The pages the output folder holds as the last build published them, each with the digest
/// of the inputs it was made from, the digest of its bytes and its file's stamp; and the files
/// published as they are, by their sources' stamps (`AssetReuse`). They are kept
/// with `LastBuild`, which is saved only once publishing succeeded, and each is trusted only
/// while its file's stamp is as that build left it: then a page whose inputs did not change is
/// neither made nor compared again, and publishing links the file that is there.
struct PublishedPages: Sendable {
    /// One published page.
    struct Record: Sendable {
        /// The path in the output folder (`posts/a/index.html`).
        let path: String
        /// The digest of what the page was made from.
        let key: ContentDigest
        /// The digest of its bytes.
        let digest: ContentDigest
        /// The file's stamp as publishing left it; `nil` until it is published.
        var stamp: FileStamp?
        /// Whether the previous output, kept beside the output, holds this very file (a hard
        /// link to it): publishing kept or linked it rather than writing it anew.
        var sharedWithPrevious = false
    }

    /// The output folder's path (symbolic links resolved), ending in `/`, to which pages'
    /// paths are joined as text.
    private let root: String
    private let records: [String: Record]

    init(folder: URL, records: [Record]) {
        root = folder.path + "/"
        var byPath = [String: Record](minimumCapacity: records.count)
        for record in records { byPath[record.path] = record }
        self.records = byPath
    }

    /// The page at `path` as published, if it was made from inputs with digest `key` and its
    /// file is as publishing left it.
    func page(at path: String, key: ContentDigest, source: String? = nil, kind: OutputFile.Kind = .html) -> (
        OutputFile, Record
    )? {
        guard let record = records[path], record.key == key, let stamp = record.stamp else { return nil }
        var status = stat()
        let published = root + path
        guard lstat(published, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, FileStamp(status) == stamp else {
            return nil
        }
        let file = OutputFile(
            path: path, kind: kind,
            contents: .published(path: published, digest: record.digest, identity: FileIdentity(status)),
            source: source)
        return (file, record)
    }
}

extension PublishedPages {
    /// The stamp of the page at `path` when the previous output shares its file with the
    /// output (`Record.sharedWithPrevious`), as the last build published it.
    func sharedStamp(of path: String) -> FileStamp? {
        guard let record = records[path], record.sharedWithPrevious else { return nil }
        return record.stamp
    }
}

extension PublishedPages.Record {
    /// Records as a build's record keeps them: one run of bytes, each record's length, then its
    /// key, its digest, a byte of flags (a stamp follows; the previous output shares the file),
    /// the stamp and its path. The record of a build holds one for every page; a value of each
    /// part, then a value of each record, took most of the time saving and loading it.
    struct Packed: Codable {
        let records: [PublishedPages.Record]

        init(_ records: [PublishedPages.Record]) {
            self.records = records
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let bytes = try container.decode([UInt8].self)
            var records: [PublishedPages.Record] = []
            var start = 0
            while bytes.count - start >= 8 {
                let length = bytes.withUnsafeBufferPointer {
                    BinaryArchive.integer(UnsafeBufferPointer(rebasing: $0[start..<(start + 8)]))
                }
                guard length <= UInt64(bytes.count - start - 8),
                    let record = PublishedPages.Record(packed: bytes[(start + 8)..<(start + 8 + Int(length))])
                else { break }
                records.append(record)
                start += 8 + Int(length)
            }
            guard start == bytes.count else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not page records")
            }
            self.records = records
        }

        func encode(to encoder: any Encoder) throws {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(records.count * (8 + 65 + FileStamp.byteCount + 48))
            for record in records {
                let packed = record.packed
                BinaryArchive.appendInteger(UInt64(packed.count), to: &bytes)
                bytes += packed
            }
            var container = encoder.singleValueContainer()
            try container.encode(bytes)
        }
    }

    /// The record `bytes` hold (`packed`); `nil` when they are not one.
    init?(packed bytes: ArraySlice<UInt8>) {
        let base = bytes.startIndex
        guard bytes.count > 64 else { return nil }
        let flags = bytes[base + 64]
        let stampEnd = base + 65 + (flags & Self.hasStamp != 0 ? FileStamp.byteCount : 0)
        guard bytes.endIndex >= stampEnd, let key = ContentDigest(bytes: bytes[base..<(base + 32)]),
            let digest = ContentDigest(bytes: bytes[(base + 32)..<(base + 64)]),
            let path = bytes[stampEnd...].withUnsafeBufferPointer(ByteRunReader.text)
        else { return nil }
        self.init(
            path: path, key: key, digest: digest, stamp: FileStamp(bytes: bytes[(base + 65)..<stampEnd]),
            sharedWithPrevious: flags & Self.shared != 0)
    }

    /// The record in one run of bytes.
    var packed: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(65 + FileStamp.byteCount + path.utf8.count)
        key.withBytes { bytes.append(contentsOf: $0) }
        digest.withBytes { bytes.append(contentsOf: $0) }
        bytes.append((stamp == nil ? 0 : Self.hasStamp) | (sharedWithPrevious ? Self.shared : 0))
        stamp?.append(to: &bytes)
        bytes += path.utf8
        return bytes
    }

    /// The flag saying a stamp follows.
    private static let hasStamp: UInt8 = 1
    /// The flag of `sharedWithPrevious`.
    private static let shared: UInt8 = 2
}
