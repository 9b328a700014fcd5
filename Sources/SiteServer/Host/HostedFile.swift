import Foundation
import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// A file of the hosted folder, opened: the descriptor pins the file as it was when the request
/// came, so a build that replaces the folder meanwhile never mixes into the response.
final class HostedFile: Sendable {
    let descriptor: Int32
    /// The file's size, in bytes.
    let size: Int
    /// The file's modification time, in seconds since 1970.
    let modified: Int
    /// A validator for conditional requests: size, modification time and inode.
    let entityTag: String

    private init(descriptor: Int32, status: stat) {
        self.descriptor = descriptor
        size = Int(status.st_size)
        modified = Int(status.st_mtim.tv_sec)
        entityTag =
            "\"\(String(status.st_size, radix: 16))-\(String(status.st_mtim.tv_sec, radix: 16))\(String(status.st_mtim.tv_nsec, radix: 16))-\(String(status.st_ino, radix: 16))\""
    }

    deinit { close(descriptor) }

    /// The regular file at `path` below `root`, if it is one and, through any symbolic link,
    /// stays inside `root`; `nil` otherwise.
    static func open(_ path: String, in root: String) -> HostedFile? {
        guard let resolved = realpath(root + path, nil) else { return nil }
        defer { free(resolved) }
        let real = String(cString: resolved)
        guard real.hasPrefix(root + "/") else { return nil }
        let descriptor = Glibc.open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        return HostedFile(descriptor: descriptor, status: status)
    }

    /// Whether `path` below `root` is a folder (for the redirect that adds its `/`).
    static func isFolder(_ path: String, in root: String) -> Bool {
        guard let resolved = realpath(root + path, nil) else { return false }
        defer { free(resolved) }
        let real = String(cString: resolved)
        var status = stat()
        return real.hasPrefix(root + "/") && stat(real, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Up to `count` bytes from `offset`.
    func read(at offset: Int, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
            }
            if read <= 0 { break }
            done += read
        }
        return done == count ? bytes : Array(bytes.prefix(done))
    }
}
