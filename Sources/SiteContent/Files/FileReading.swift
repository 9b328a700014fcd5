package import Foundation
package import GazetteCore
package import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the site's own files with plain system calls, so that every failure names the file
/// and its real cause (permission, a named pipe, a folder, a link loop) instead of a
/// Foundation error domain, and so that nothing but a regular file is ever opened: a named
/// pipe would block the build for good.
package enum FileReading {
    /// A file's bytes and modification time.
    package struct Contents: Sendable {
        package let bytes: [UInt8]
        package let modified: Timestamp
    }

    /// Reads the regular file at `url`, following symbolic links.
    /// - Parameters:
    ///   - url: The file.
    ///   - name: How diagnostics name it (`content/posts/a.md`).
    ///   - limit: The largest size accepted, in bytes, and what to call the file in the message.
    /// - Throws: `BuildFailure` naming `name` and the cause.
    package static func read(_ url: URL, named name: String, limit: (bytes: Int, noun: String)? = nil)
        throws(BuildFailure) -> Contents
    {
        var status = stat()
        guard stat(url.path, &status) == 0 else { throw BuildFailure(.error(name, problem(errno: errno))) }
        if let problem = problem(mode: status.st_mode) { throw BuildFailure(.error(name, problem)) }
        if let limit, Int(status.st_size) > limit.bytes {
            throw BuildFailure(
                .error(
                    name,
                    "the file is \(Int(status.st_size) / 1_048_576) MiB; \(limit.noun) may be at most \(limit.bytes / 1_048_576) MiB"
                ))
        }
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw BuildFailure(.error(name, problem(errno: errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw BuildFailure(.error(name, problem(errno: errno)))
            }
            bytes += chunk[..<count]
            if let limit, bytes.count > limit.bytes {
                throw BuildFailure(.error(name, "the file grew past \(limit.bytes / 1_048_576) MiB while being read"))
            }
        }
        let modified = Timestamp(secondsSinceEpoch: Int64(status.st_mtim.tv_sec))
        return Contents(bytes: bytes, modified: modified)
    }

    /// What the file system says of the file at `path` without reading it; `nil` when the
    /// file cannot be looked at.
    package static func stamp(atPath path: String) -> FileStamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileStamp(status)
    }

    /// Whether something is at `url`, even a broken link or a file that cannot be read.
    package static func exists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }

    /// What is wrong with a file system entry of this mode for reading as a file, or `nil`
    /// for a regular file.
    package static func problem(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "is a folder, not a file"
        case S_IFIFO: "is a named pipe (FIFO), not a regular file; it was not read"
        case S_IFSOCK: "is a socket, not a regular file; it was not read"
        case S_IFCHR, S_IFBLK: "is a device, not a regular file; it was not read"
        default: "is not a regular file; it was not read"
        }
    }

    /// A sentence for a failed system call on a file.
    package static func problem(errno code: Int32) -> String {
        switch code {
        case ENOENT: "does not exist (or is a broken symbolic link)"
        case ELOOP: "is a symbolic link loop"
        case EACCES, EPERM: "cannot be read: permission denied"
        case ENAMETOOLONG: "has a name too long for the file system"
        case EISDIR: "is a folder, not a file"
        default: "cannot be read: \(String(cString: strerror(code)))"
        }
    }
}
