public import Foundation
public import GazetteCore
public import Syndication

/// One file the build publishes.
public struct OutputFile: Sendable, Hashable {
    /// What a file is, which decides how it is validated.
    public enum Kind: Sendable, Hashable {
        case html
        /// A page that only sends readers on to another (an article's old address).
        case redirect
        case feed(FeedFormat)
        case sitemap
        case text
        case asset
    }

    /// Where the bytes come from.
    public enum Contents: Sendable, Hashable {
        /// Bytes the build produced.
        case bytes([UInt8])
        /// A file copied as it is.
        case copy(URL)
        /// The bytes of a file the output folder already holds as the last build published
        /// them, with their digest and the file's device and inode when the build looked: a page
        /// whose inputs did not change is not made again. Publishing refuses it if the file was
        /// replaced since. The path is the file's own (`/site/public/posts/a/index.html`).
        case published(path: String, digest: ContentDigest, identity: FileIdentity)
        /// Bytes the build produced and already wrote to a range of a file of its own, so that
        /// a large site is not held in memory until it is published; with their digest when the
        /// build keeps a cache.
        case staged(StagedFile, range: Range<Int>, digest: ContentDigest?)
    }

    /// The path relative to the output folder (`posts/hello/index.html`).
    public var path: String { storage.fields.path }
    /// What the file is.
    public var kind: Kind { storage.fields.kind }
    /// Its contents.
    public var contents: Contents { storage.fields.contents }
    /// The file the output was made from (`content/posts/hello.md`), for diagnostics.
    public var source: String? { storage.fields.source }

    /// The fields, in one shared box: a build's list of files is copied, sorted and filtered
    /// by several stages, and copying a file is then a single reference count.
    private let storage: SharedFields<Fields>

    private struct Fields: Hashable {
        let path: String
        let kind: Kind
        let contents: Contents
        let source: String?
    }

    /// A file holding text the build produced.
    public init(path: String, kind: Kind, text: String, source: String? = nil) {
        self.init(path: path, kind: kind, contents: .bytes(Array(text.utf8)), source: source)
    }

    /// A file with the given contents.
    public init(path: String, kind: Kind, contents: Contents, source: String? = nil) {
        storage = SharedFields(Fields(path: path, kind: kind, contents: contents, source: source))
    }

    /// The text of a produced file (read from its file for a published or staged one); `nil`
    /// for copied files.
    public var text: String? {
        if case .copy = contents { return nil }
        return contents.bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The file's bytes, wherever they are (`Contents.bytes`).
    public var bytes: [UInt8]? { contents.bytes }
}

extension OutputFile.Contents {
    /// The bytes, wherever they are: in memory, in the output folder (a published page), in the
    /// build's own file (a staged page) or in the site (a copied file); `nil` when a file cannot
    /// be read.
    public var bytes: [UInt8]? {
        switch self {
        case .bytes(let bytes): bytes
        case .published(let path, _, _): FileManager.default.contents(atPath: path).map(Array.init)
        case .copy(let url): FileManager.default.contents(atPath: url.path).map(Array.init)
        case .staged(let file, let range, _): file.read(range)
        }
    }
}

/// Which file a path named when it was looked at: its device and inode. A file replaced since
/// (written anew, renamed over) has another.
public struct FileIdentity: Sendable, Hashable {
    public let device: UInt64
    public let inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// The identity of a file system entry already looked at.
    public init(_ status: stat) {
        self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}
