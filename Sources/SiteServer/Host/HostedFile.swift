import NIOCore
import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// The hosted folder as it is when a request comes: an open descriptor of it, through which the
/// request's files are opened, so a build that swaps in a new folder meanwhile never mixes into
/// the answer. Files are opened one path component at a time without following any symbolic
/// link, so no request reaches outside the folder whatever links it holds. Made and used for
/// one request, on one thread; the folders it opens on the way are kept until it goes.
final class HostedTree {
    private let descriptor: Int32
    /// Folders opened on the way to files, by their path inside the tree.
    private var folders: [Substring: Int32] = [:]

    /// The folder at `path` (a symbolic link to it is followed); `nil` while there is none.
    init?(_ path: String) {
        descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
    }

    deinit {
        for folder in folders.values { close(folder) }
        close(descriptor)
    }

    /// The folder's device and inode, which a build's swap changes.
    var generation: OpenFileCache.Generation? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return OpenFileCache.Generation(status)
    }

    /// The regular file at `relative` (`posts/a/index.html`), opened for reading.
    func file(_ relative: String) -> HostedFile? {
        guard let (folder, name) = parent(of: relative) else { return nil }
        let file = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { return nil }
        return HostedFile(descriptor: file)
    }

    /// Whether `relative` is a folder (for the redirect that adds its `/`).
    func isFolder(_ relative: String) -> Bool {
        guard let (folder, name) = parent(of: relative) else { return false }
        let opened = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard opened >= 0 else { return false }
        close(opened)
        return true
    }

    /// The folder holding the last component of `relative`, opened without following links
    /// (or kept from an earlier file of this request), and that component's name.
    private func parent(of relative: String) -> (Int32, String)? {
        guard let slash = relative.lastIndex(of: "/") else { return relative.isEmpty ? nil : (descriptor, relative) }
        let name = String(relative[relative.index(after: slash)...])
        let path = relative[..<slash]
        if let known = folders[path] { return (known, name) }
        var folder = descriptor
        for part in path.split(separator: "/") {
            let next = openat(folder, String(part), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if folder != descriptor { close(folder) }
            guard next >= 0 else { return nil }
            folder = next
        }
        folders[path] = folder
        return (folder, name)
    }
}

/// A file of the hosted folder, opened: reads come from this descriptor, the file as it was
/// when it was opened. A small file is read at once and its descriptor closed: its bytes are
/// sent from memory, as often as it is asked for.
final class HostedFile: Sendable {
    /// The open file; -1 when `contents` holds it.
    private let descriptor: Int32
    /// The whole file, for files of at most `inlineSize` bytes.
    private let contents: ByteBuffer?
    /// The file's size, in bytes.
    let size: Int
    /// The file's modification time, in seconds since 1970.
    let modified: Int
    /// The modification time as an HTTP date, for `Last-Modified`.
    let lastModified: String
    /// A validator for conditional requests: size, modification time and inode.
    let entityTag: String

    /// Files up to this size are read into memory when opened.
    static let inlineSize = 64 * 1024

    /// Takes over `descriptor`; `nil` (and the descriptor closed) when it is no regular file
    /// or cannot be read.
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        size = Int(status.st_size)
        modified = Int(status.st_mtim.tv_sec)
        lastModified = HTTPDate.format(modified)
        entityTag =
            "\"\(String(status.st_size, radix: 16))-\(String(status.st_mtim.tv_sec, radix: 16))"
            + "\(String(status.st_mtim.tv_nsec, radix: 16))-\(String(status.st_ino, radix: 16))\""
        guard size <= Self.inlineSize else {
            self.descriptor = descriptor
            contents = nil
            return
        }
        defer { close(descriptor) }
        let bytes = Self.read(descriptor, 0..<size, into: ByteBufferAllocator().buffer(capacity: size))
        guard bytes.readableBytes == size else { return nil }
        self.descriptor = -1
        contents = bytes
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The bytes this file holds in memory, which a cache counts.
    var heldBytes: Int { contents?.readableBytes ?? 0 }

    /// Whether this file keeps a descriptor open, which a cache counts.
    var holdsDescriptor: Bool { descriptor >= 0 }

    /// `range` of the file as a region the kernel sends itself (`sendfile`), with the handle
    /// (a copy of the descriptor) to close once it is written; `nil` for a file held in memory.
    func region(_ range: ClosedRange<Int>) -> (NIOFileHandle, FileRegion)? {
        guard descriptor >= 0 else { return nil }
        let copy = dup(descriptor)
        guard copy >= 0 else { return nil }
        let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: copy)
        return (handle, FileRegion(fileHandle: handle, readerIndex: range.lowerBound, endIndex: range.upperBound + 1))
    }

    /// `range` of the file in a buffer: a view of the bytes held in memory, or read from the
    /// descriptor.
    func read(_ range: ClosedRange<Int>, allocator: ByteBufferAllocator) -> ByteBuffer {
        if let contents {
            return contents.getSlice(at: range.lowerBound, length: range.count) ?? allocator.buffer(capacity: 0)
        }
        let buffer = allocator.buffer(capacity: range.count)
        return Self.read(descriptor, range.lowerBound..<(range.upperBound + 1), into: buffer)
    }

    /// `range` of the file at `descriptor` appended to `buffer`, or as much of it as could be read.
    private static func read(_ descriptor: Int32, _ range: Range<Int>, into buffer: ByteBuffer) -> ByteBuffer {
        var buffer = buffer
        var done = 0
        while done < range.count {
            let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: range.count - done) { space in
                max(0, pread(descriptor, space.baseAddress!, range.count - done, off_t(range.lowerBound + done)))
            }
            if read == 0 { break }
            done += read
        }
        return buffer
    }
}
