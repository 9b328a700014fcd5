package import GazetteCore

#if canImport(Glibc)
    package import Glibc
#endif

/// What the file system says of a file without reading it: size, device, inode, modification
/// and change times. Any write, rename or `touch` changes it (the change time cannot be set
/// back), so an unchanged stamp means unchanged bytes.
package struct FileStamp: Sendable, DigestPart {
    private let size: Int
    private let device: UInt64
    private let inode: UInt64
    private let modified: timespec
    private let changed: timespec

    /// The stamp of a file system entry already looked at.
    package init(_ status: stat) {
        size = Int(status.st_size)
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        modified = status.st_mtim
        changed = status.st_ctim
    }

    package func combine(into hasher: inout ContentHasher) {
        hasher.combine(size)
        hasher.combine(Int(truncatingIfNeeded: device))
        hasher.combine(Int(truncatingIfNeeded: inode))
        hasher.combine(modified.tv_sec)
        hasher.combine(modified.tv_nsec)
        hasher.combine(changed.tv_sec)
        hasher.combine(changed.tv_nsec)
    }
}
