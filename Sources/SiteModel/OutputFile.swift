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
        /// replaced since.
        case published(URL, digest: ContentDigest, identity: [UInt64])
    }

    /// The path relative to the output folder (`posts/hello/index.html`).
    public let path: String
    /// What the file is.
    public let kind: Kind
    /// Its contents.
    public let contents: Contents
    /// The file the output was made from (`content/posts/hello.md`), for diagnostics.
    public let source: String?

    /// A file holding text the build produced.
    public init(path: String, kind: Kind, text: String, source: String? = nil) {
        self.init(path: path, kind: kind, contents: .bytes(Array(text.utf8)), source: source)
    }

    /// A file with the given contents.
    public init(path: String, kind: Kind, contents: Contents, source: String? = nil) {
        self.path = path
        self.kind = kind
        self.contents = contents
        self.source = source
    }

    /// The text of a produced file (read from the output folder for a published one); `nil`
    /// for copied files.
    public var text: String? {
        switch contents {
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .published(let url, _, _):
            FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
        case .copy: nil
        }
    }

    /// The file's bytes, wherever they are: in memory, in the output folder (a published page)
    /// or in the site (a copied file); `nil` when a file cannot be read.
    public var bytes: [UInt8]? {
        switch contents {
        case .bytes(let bytes): bytes
        case .published(let url, _, _), .copy(let url): FileManager.default.contents(atPath: url.path).map(Array.init)
        }
    }
}
