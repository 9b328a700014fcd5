package import GazetteCore

/// A file found under `content/`, read and decoded.
package struct SourceFile: Sendable, Hashable {
    /// The path relative to the site folder (`content/posts/2024-03-01-hello.md`), for diagnostics.
    package let path: String
    /// The path relative to `content/` (`posts/2024-03-01-hello.md`).
    package let contentPath: String
    /// The text, decoded as UTF-8, with `\r\n` line ends made `\n` and any byte-order mark removed.
    package let text: String
    /// The file's modification time, the last resort for an article's date.
    package let modified: Timestamp

    /// The file name without folders (`2024-03-01-hello.md`).
    package var fileName: String {
        let slash = contentPath.utf8.lastIndex(of: UInt8(ascii: "/"))
        return String(contentPath[(slash.map(contentPath.utf8.index(after:)) ?? contentPath.startIndex)...])
    }

    /// The file name without its extension (`2024-03-01-hello`).
    package var baseName: String {
        let name = fileName
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The extension, lower-cased (`md`).
    package var fileExtension: String {
        let name = fileName
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The folders between `content/` and the file (`["posts"]`).
    package var folders: [String] {
        contentPath.utf8.split(separator: UInt8(ascii: "/")).dropLast().map { String(Substring($0)) }
    }
}
