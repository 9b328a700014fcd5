package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One folder's entries as the system lists them: each name, and its kind where the file
/// system tells it, so that most entries cost no `lstat`.
package enum FolderListing {
    /// One entry of a folder.
    package struct Entry: Sendable {
        /// The name; bytes that are not UTF-8 read as U+FFFD.
        package let name: String
        /// Whether the name's bytes are UTF-8.
        package let isUTF8: Bool
        /// The `S_IFMT` bits of its mode when the listing tells them: a folder, a regular
        /// file or a symbolic link; `nil` when the entry must be looked at.
        package let kind: mode_t?
    }

    /// The entries of the folder at `path`, without `.` and `..`, in the order listed.
    /// - Throws: The error `errno` names when the folder cannot be listed.
    package static func entries(of path: String) throws(POSIXError) -> [Entry] {
        guard let folder = opendir(path) else { throw failure }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { throw failure }
                return entries
            }
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if bytes == [46] || bytes == [46, 46] { continue }
            let name = String(validating: bytes, as: UTF8.self)
            let kind: mode_t? =
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): S_IFDIR
                case Int32(DT_REG): S_IFREG
                case Int32(DT_LNK): S_IFLNK
                default: nil
                }
            entries.append(Entry(name: name ?? String(decoding: bytes, as: UTF8.self), isUTF8: name != nil, kind: kind))
        }
    }

    private static var failure: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
