import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file's bytes mapped into memory read-only: reading them costs nothing until they are
/// touched, and a cache can keep pieces of them (the archives of rows it did not change) to
/// write back without encoding them again. The mapping lives as long as this object; renaming
/// or replacing the file meanwhile does not change what it holds.
final class MappedFile: @unchecked Sendable {
    /// The bytes; never written.
    let bytes: UnsafeBufferPointer<UInt8>

    /// Maps the regular file at `url`; `nil` when there is none or it cannot be mapped.
    convenience init?(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        self.init(descriptor: descriptor)
    }

    /// Maps the regular file open as `descriptor`, which the caller still owns; `nil` when it
    /// cannot be mapped.
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let count = Int(status.st_size)
        guard count > 0 else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: count)
    }

    deinit {
        if let start = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: start), bytes.count) }
    }

    /// Gives back the pages holding `part` of the bytes that reading has brought into this
    /// process's memory. They stay in the kernel's page cache, and are found there again if
    /// touched again: decoded rows no longer need them, only a save that copies rows unchanged.
    func release(_ part: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, let start = part.baseAddress, !part.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let from = (start - base) / page * page
        let to = min(bytes.count, (start - base + part.count + page - 1) / page * page)
        madvise(UnsafeMutableRawPointer(mutating: base + from), to - from, MADV_DONTNEED)
    }

    /// Gives back the pages from the first of `parts` to the end of the last, in the order
    /// they lie in the bytes.
    func release(spanning parts: [UnsafeBufferPointer<UInt8>]) {
        guard let start = parts.compactMap(\.baseAddress).min(),
            let end = parts.compactMap({ part in part.baseAddress.map { $0 + part.count } }).max()
        else { return }
        release(UnsafeBufferPointer(start: start, count: end - start))
    }
}

/// The archive of one row of a cache file's table, inside the mapping it was read from.
struct ArchivedRow: @unchecked Sendable {
    /// The bytes, valid while `file` lives.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The mapping that holds them.
    let file: MappedFile
}
