import Foundation
public import GazetteCore
import XMLKit

#if canImport(Glibc)
    import Glibc
#endif

/// Validates published documents — feeds of every format, sitemaps and HTML pages — on their
/// own, the way `build-site validate` does for files any tool wrote.
public struct DocumentValidator: Sendable {
    /// What a document turned out to be.
    public enum Kind: Sendable, Hashable {
        case feed(FeedFormat)
        case sitemap
        case html
        /// A file too large to be read, so of no known kind.
        case unread
        /// A document of a kind `validate` does not check, or not well-formed enough to tell.
        case other
    }

    /// One document's problems.
    public struct Report: Sendable {
        /// The file, as given.
        public let path: String
        /// What the document is.
        public let kind: Kind
        /// Its problems, in document order, said of `path`.
        public let issues: [Diagnostic]
    }

    /// A file that could not be validated at all.
    public struct Unreadable: Error, Sendable {
        /// The file, as given.
        public let path: String
        /// Why.
        public let reason: String
    }

    /// The file extensions looked at inside folders.
    public static let extensions: Set<String> = ["xml", "atom", "rss", "json", "html", "htm"]

    /// Options for feed checks.
    public let options: FeedValidationOptions

    /// The largest file read, in bytes; a larger one is reported as an error unread, so that
    /// validating a huge file cannot take gigabytes of memory.
    public let maximumFileSize: Int

    /// The default `maximumFileSize`: 50 MB, the sitemaps.org limit for one sitemap.
    public static let defaultMaximumFileSize = 50 * 1024 * 1024

    /// Creates a validator.
    /// - Parameters:
    ///   - options: Options for feed checks.
    ///   - maximumFileSize: The largest file read, in bytes.
    public init(options: FeedValidationOptions, maximumFileSize: Int = DocumentValidator.defaultMaximumFileSize) {
        self.options = options
        self.maximumFileSize = maximumFileSize
    }

    /// The files to validate for each path: the file itself, or the files with a known
    /// extension under a folder, sorted.
    public static func files(in paths: [String]) throws(Unreadable) -> [(path: String, explicit: Bool)] {
        var files: [(String, Bool)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Unreadable(path: path, reason: "no such file or folder")
            }
            guard isDirectory.boolValue else {
                files.append((path, true))
                continue
            }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
                .sorted()
            files += found.map { ((path as NSString).appendingPathComponent($0), false) }
        }
        return files
    }

    /// Validates one file.
    /// - Parameters:
    ///   - path: The file.
    ///   - explicit: Whether the user named the file; an unknown kind of document is then an
    ///     error rather than skipped.
    /// - Returns: The report, or `nil` for a file in a folder that is no document we validate.
    public func validate(file path: String, explicit: Bool) throws(Unreadable) -> Report? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Unreadable(path: path, reason: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw Unreadable(path: path, reason: "not a regular file (a folder, named pipe or device); it was not read")
        }
        if Int(status.st_size) > maximumFileSize {
            let issue = Diagnostic(
                .error, file: path,
                "the file is \(Int(status.st_size)) bytes; validate reads at most \(maximumFileSize) (--max-file-bytes)",
                rule: "document-size")
            return Report(path: path, kind: .unread, issues: [issue])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Unreadable(path: path, reason: "cannot read the file")
        }
        let bytes = [UInt8](data)
        let pathExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        if pathExtension == "html" || pathExtension == "htm" {
            return Report(path: path, kind: .html, issues: Self.pageIssues(bytes, path: path))
        }
        let text = Self.sniffingText(bytes)
        if let format = FeedValidator.detectFormat(of: text) { return feedReport(bytes, format: format, path: path) }
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("{") {
            // JSON named on the command line is held to JSON Feed even when it does not say it
            // is one; inside a folder, JSON that does not (a web manifest) is passed by.
            return explicit ? feedReport(bytes, format: .json, path: path) : nil
        }
        let root = FeedValidator.firstElementName(in: start).map(FeedValidator.localName)
        if root == "urlset" || root == "sitemapindex" {
            return Report(path: path, kind: .sitemap, issues: SitemapValidator().validate(bytes: bytes, named: path))
        }
        guard start.hasPrefix("<") else {
            guard explicit else { return nil }
            let issue = Diagnostic(
                .error, file: path, line: 1, "the file is neither XML nor JSON", rule: "document-kind")
            return Report(path: path, kind: .other, issues: [issue])
        }
        return otherDocument(bytes, root: root, path: path, explicit: explicit)
    }

    private func feedReport(_ bytes: [UInt8], format: FeedFormat, path: String) -> Report {
        Report(
            path: path, kind: .feed(format),
            issues: FeedValidator().validate(bytes: bytes, as: format, named: path, options: options))
    }

    /// The report on an XML document of no kind `validate` checks: its XML errors when it is
    /// not well-formed, else (when the user named it) that it is not a feed.
    private func otherDocument(_ bytes: [UInt8], root: String?, path: String, explicit: Bool) -> Report? {
        let (document, parseIssues) = XMLSafety.parse(bytes, name: path)
        if document == nil && (explicit || root != nil) {
            return Report(path: path, kind: .other, issues: parseIssues.map { $0.in(path) })
        }
        guard explicit else { return nil }
        let element = document?.rootElement
        let found = element.map { "its root element is <\($0.name)>" } ?? "it has no root element"
        return Report(
            path: path, kind: .other,
            issues: [
                Diagnostic(
                    .error, file: path, line: element?.line ?? 1,
                    "\(found), so it is not an Atom, RSS or JSON feed, a sitemap or an HTML page",
                    rule: "document-kind")
            ])
    }

    /// A page's problems; a page that is not UTF-8 is one.
    private static func pageIssues(_ bytes: [UInt8], path: String) -> [Diagnostic] {
        if let (line, column) = BytePosition.firstInvalidUTF8Position(in: bytes) {
            return [
                Diagnostic(
                    .error, file: path, line: line, column: column,
                    "the page is not UTF-8; HTML pages published on the web should be (and Gazette writes only UTF-8)",
                    rule: "html-encoding")
            ]
        }
        return HTMLInspector.inspect(String(decoding: bytes, as: UTF8.self), name: path).diagnostics
    }

    /// Text good enough to find the first element or a JSON brace in: UTF-16 by its byte
    /// order mark, else the bytes read as UTF-8, where bytes of other 8-bit encodings become
    /// U+FFFD and markup, being ASCII, stays as it is.
    private static func sniffingText(_ bytes: [UInt8]) -> String {
        let bigEndian = bytes.starts(with: [0xFE, 0xFF])
        guard bigEndian || bytes.starts(with: [0xFF, 0xFE]) else { return String(decoding: bytes, as: UTF8.self) }
        let units = stride(from: 2, to: bytes.count - 1, by: 2).map { index -> UInt16 in
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            return UInt16(high) << 8 | UInt16(low)
        }
        return String(decoding: units, as: UTF16.self)
    }
}
