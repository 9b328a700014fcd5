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
    }

    /// The output folder's path (symbolic links resolved), ending in `/`, to which pages'
    /// paths are joined as text.
    private let root: String
    private let records: [String: Record]

    init(folder: URL, records: [Record]) {
        root = folder.path + "/"
        self.records = Dictionary(records.map { ($0.path, $0) }) { first, _ in first }
    }

    /// The page at `path` as published, if it was made from inputs with digest `key` and its
    /// file is as publishing left it.
    func page(at path: String, key: ContentDigest, source: String? = nil, kind: OutputFile.Kind = .html) -> (
        OutputFile, Record
    )? {
        guard let record = records[path], record.key == key, let stamp = record.stamp else { return nil }
        var status = stat()
        guard lstat(root + path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, FileStamp(status) == stamp else {
            return nil
        }
        let url = URL(filePath: root + path, directoryHint: .notDirectory)
        let identity = [UInt64(status.st_dev), UInt64(status.st_ino)]
        let file = OutputFile(
            path: path, kind: kind, contents: .published(url, digest: record.digest, identity: identity),
            source: source)
        return (file, record)
    }
}

extension PublishedPages.Record: Codable {
    /// Coded as one run of bytes, its key, its digest, whether a stamp follows, the stamp and
    /// its path: the record of a build holds one for every page, and a keyed value of each part
    /// took most of the time saving and loading it.
    init(from decoder: any Decoder) throws {
        let bytes = try decoder.singleValueContainer().decode([UInt8].self)
        let stampEnd = 65 + (bytes.count > 64 && bytes[64] == 1 ? FileStamp.byteCount : 0)
        guard bytes.count >= stampEnd, let key = ContentDigest(bytes: bytes[0..<32]),
            let digest = ContentDigest(bytes: bytes[32..<64]),
            let path = String(validating: bytes[stampEnd...], as: UTF8.self)
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a page record"))
        }
        self.init(path: path, key: key, digest: digest, stamp: FileStamp(bytes: bytes[65..<stampEnd]))
    }

    func encode(to encoder: any Encoder) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(65 + FileStamp.byteCount + path.utf8.count)
        key.withBytes { bytes.append(contentsOf: $0) }
        digest.withBytes { bytes.append(contentsOf: $0) }
        if let stamp {
            bytes.append(1)
            stamp.append(to: &bytes)
        } else {
            bytes.append(0)
        }
        bytes += path.utf8
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}
