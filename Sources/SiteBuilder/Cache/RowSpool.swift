import Foundation
import GazetteCore

#if canImport(Glibc)
    import Glibc
#endif

/// A file without a name in the cache folder, where a build sets aside the archives of rows it
/// needs only to save at its end, so that it does not hold them in memory meanwhile. The name is
/// removed as soon as the file is made: only the descriptor, then the mapping, keep the bytes,
/// and they are gone when the process ends, however it ends.
struct RowSpool: ~Copyable {
    private let descriptor: Int32
    private var length = 0

    /// Makes the file in `folder`, creating the folder if need be.
    init(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var template = Array(folder.appending(path: ".spool.XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { name in
            let descriptor = mkstemp(name.baseAddress!)
            if descriptor >= 0 { unlink(name.baseAddress!) }
            return descriptor
        }
        guard descriptor >= 0 else { throw Self.failure }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Appends `bytes`; returns where they are in the file.
    mutating func append(_ bytes: [UInt8]) throws -> Range<Int> {
        guard PositionedIO.write(bytes, to: descriptor, at: length) else { throw Self.failure }
        defer { length += bytes.count }
        return length..<(length + bytes.count)
    }

    /// The file's bytes, mapped.
    func mapped() throws -> MappedFile {
        guard let file = MappedFile(descriptor: descriptor) else { throw Self.failure }
        return file
    }

    /// The error `errno` names.
    private static var failure: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
