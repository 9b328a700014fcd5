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

extension FileStamp: Equatable {
    package static func == (left: FileStamp, right: FileStamp) -> Bool {
        left.size == right.size && left.device == right.device && left.inode == right.inode
            && left.modified.tv_sec == right.modified.tv_sec && left.modified.tv_nsec == right.modified.tv_nsec
            && left.changed.tv_sec == right.changed.tv_sec && left.changed.tv_nsec == right.changed.tv_nsec
    }
}

extension FileStamp: Codable {
    /// How many bytes `bytes` holds.
    package static let byteCount = 7 * 8

    /// Coded as its numbers' little-endian bytes, one value: records hold thousands of stamps.
    package init(from decoder: any Decoder) throws {
        guard let stamp = FileStamp(bytes: try decoder.singleValueContainer().decode([UInt8].self)[...]) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a stamp"))
        }
        self = stamp
    }

    /// The stamp `bytes` gives; `nil` when these are not `byteCount` bytes.
    package init?(bytes: ArraySlice<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        let numbers = bytes.withUnsafeBytes { raw in
            (0..<7).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
        }
        size = Int(numbers[0])
        device = UInt64(bitPattern: numbers[1])
        inode = UInt64(bitPattern: numbers[2])
        modified = timespec(tv_sec: Int(numbers[3]), tv_nsec: Int(numbers[4]))
        changed = timespec(tv_sec: Int(numbers[5]), tv_nsec: Int(numbers[6]))
    }

    /// Its parts as numbers, in a fixed order.
    private var numbers: [Int64] {
        [
            Int64(size), Int64(bitPattern: device), Int64(bitPattern: inode), Int64(modified.tv_sec),
            Int64(modified.tv_nsec), Int64(changed.tv_sec), Int64(changed.tv_nsec),
        ]
    }

    /// Its numbers' little-endian bytes.
    package var bytes: [UInt8] {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return bytes
    }

    /// Appends `bytes` to `run`: a record of thousands of stamps is written without a list
    /// of bytes for each.
    package func append(to run: inout [UInt8]) {
        run.reserveCapacity(run.count + Self.byteCount)
        for number in numbers { withUnsafeBytes(of: number.littleEndian) { run.append(contentsOf: $0) } }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}
