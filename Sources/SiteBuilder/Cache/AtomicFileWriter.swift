import Foundation
import GazetteCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file through a temporary file beside it, renamed over it once whole, so a reader
/// sees the old file or the new one, never part of one. Each write has a temporary file of its
/// own (`ProcessUniqueName`): builds a program runs at once may save to one cache folder.
enum AtomicFileWriter {
    /// Writes `parts` one after another to `url`.
    static func write(_ parts: [[UInt8]], to url: URL) throws {
        try write(to: url) { sink in
            for part in parts { try sink.append(part) }
        }
    }

    /// Writes to `url` what `body` appends to the sink it is given.
    static func write(to url: URL, _ body: (inout Sink) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appending(path: ".\(url.lastPathComponent).\(ProcessUniqueName.next())")
        do {
            let descriptor = open(temporary.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Sink.failure }
            defer { close(descriptor) }
            var sink = Sink(descriptor: descriptor)
            try body(&sink)
            try sink.flush()
            guard rename(temporary.path, url.path) == 0 else { throw Sink.failure }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// A file being written: bytes appended through a buffer, and bytes already written patched.
    struct Sink {
        fileprivate let descriptor: Int32
        private var buffer: [UInt8] = []
        private var flushed = 0
        /// How much is written, or buffered to be.
        var offset: Int { flushed + buffer.count }
        private static let bufferSize = 1 << 20

        fileprivate init(descriptor: Int32) {
            self.descriptor = descriptor
            buffer.reserveCapacity(Self.bufferSize)
        }

        /// Appends `bytes`.
        mutating func append(_ bytes: [UInt8]) throws {
            buffer += bytes
            if buffer.count >= Self.bufferSize { try flush() }
        }

        /// Writes what is buffered.
        mutating func flush() throws {
            guard PositionedIO.write(buffer, to: descriptor, at: flushed) else { throw Self.failure }
            flushed += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes `bytes` over those at `offset`, which were appended before.
        mutating func patch(_ bytes: [UInt8], at offset: Int) throws {
            try flush()
            guard PositionedIO.write(bytes, to: descriptor, at: offset) else { throw Self.failure }
        }

        /// The checksum of everything written from `offset` on, read back from the file.
        mutating func checksum(from offset: Int) throws -> UInt64 {
            try flush()
            var sum = FastChecksum()
            var chunk = [UInt8](repeating: 0, count: Self.bufferSize)
            var position = offset
            while position < flushed {
                let count = chunk.withUnsafeMutableBytes {
                    pread(descriptor, $0.baseAddress!, min($0.count, flushed - position), off_t(position))
                }
                guard count > 0 else { throw Self.failure }
                chunk.withUnsafeBytes { sum.add(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                position += count
            }
            return sum.value
        }

        /// The error `errno` names.
        fileprivate static var failure: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
