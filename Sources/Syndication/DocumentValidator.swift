import Foundation
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
    }

    /// One document's problems.
    public struct Report: Sendable {
        /// The file, as given.
        public let path: String
        /// What the document is.
        public let kind: Kind
        /// Its problems, in document order.
        public let issues: [ValidationIssue]
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

    /// Creates a validator.
    /// The largest file read, in bytes; a larger one is reported as an error unread, so that
    /// validating a huge file cannot take gigabytes of memory.
    public let maximumFileSize: Int

    /// The default `maximumFileSize`: 50 MB, the sitemaps.org limit for one sitemap.
    public static let defaultMaximumFileSize = 50 * 1024 * 1024

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
            let issue = ValidationIssue(
                rule: "document-size",
                message:
                    "the file is \(Int(status.st_size)) bytes; validate reads at most \(maximumFileSize) (--max-file-bytes)",
                line: 0)
            return Report(path: path, kind: .unread, issues: [issue])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Unreadable(path: path, reason: "cannot read the file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw Unreadable(path: path, reason: "the file is not UTF-8 text")
        }
        let pathExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        if pathExtension == "html" || pathExtension == "htm" {
            let issues = HTMLInspector.inspect(text, name: path).diagnostics.map {
                ValidationIssue(
                    severity: $0.severity, rule: "html", message: $0.message, line: $0.line, column: $0.column)
            }
            return Report(path: path, kind: .html, issues: issues)
        }
        if let format = FeedValidator.detectFormat(of: text) {
            return Report(
                path: path, kind: .feed(format), issues: FeedValidator().validate(text, as: format, options: options))
        }
        if FeedValidator.firstElementName(in: Substring(text)) == "urlset" {
            return Report(path: path, kind: .sitemap, issues: SitemapValidator().validate(text))
        }
        guard explicit else { return nil }
        throw Unreadable(path: path, reason: "not an Atom, RSS or JSON feed, a sitemap or an HTML page")
    }
}
