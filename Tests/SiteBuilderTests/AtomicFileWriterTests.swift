import Foundation
import GazetteCore
import Testing

@testable import SiteBuilder

/// The writer the build cache is saved through: appends pass through a buffer, patches land
/// where they were aimed, the checksum read back is the checksum of what the file holds.
@Suite struct AtomicFileWriterTests {
    @Test func appendsPatchesAndChecksumsAcrossBufferBoundaries() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "gazette-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appending(path: "file")
        // Parts of odd sizes, together three times the writer's buffer.
        let parts = (0..<700).map { index in [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: 4_500 + index)
        }
        var expected = parts.flatMap { $0 }
        var sum: UInt64 = 0
        try AtomicFileWriter.write(to: url) { file in
            for part in parts { try file.append(part) }
            try file.patch([1, 2, 3], at: 10)
            try file.patch([9, 9], at: file.offset - 2)
            sum = try file.checksum(from: 7)
        }
        expected.replaceSubrange(10..<13, with: [1, 2, 3])
        expected.replaceSubrange((expected.count - 2)..., with: [9, 9])
        #expect(expected.count > 3 << 20)
        #expect(try Data(contentsOf: url) == Data(expected))
        #expect(sum == FastChecksum.of(Array(expected[7...])))
        // Nothing is left beside the file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["file"])
    }

    /// A file that cannot be written leaves what was there before.
    @Test func aFailedWriteLeavesTheOldFile() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "gazette-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appending(path: "file")
        try AtomicFileWriter.write([Array("old".utf8)], to: url)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFileWriter.write(to: url) { file in
                try file.append(Array("new".utf8))
                throw Stop()
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["file"])
    }

    /// Writes to one file at once, as builds a program runs at once save one cache: the file
    /// is then one of them, whole, and nothing is left beside it.
    @Test func writesAtOnceLeaveOneWholeFile() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "gazette-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appending(path: "file")
        let size = 1 << 20
        let failures = concurrentMap(8) { writer in
            // In parts, so that the writes overlap.
            (try? AtomicFileWriter.write(to: url) { file in
                for _ in 0..<16 { try file.append([UInt8](repeating: UInt8(writer), count: size / 16)) }
            }) == nil
        }
        #expect(!failures.contains(true))
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(bytes.count == size && Set(bytes).count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["file"])
    }
}
