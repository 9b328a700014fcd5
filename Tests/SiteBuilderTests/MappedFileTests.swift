import Foundation
import Testing

@testable import SiteBuilder

/// A mapped cache file gives back the pages it was read from, and still reads the same after.
@Suite struct MappedFileTests {
    @Test func releasedPagesReadTheSameAgain() throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "gazette-mapped-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: url)
        let file = try #require(MappedFile(url))
        #expect(Array(file.bytes) == bytes)
        // A part that starts and ends inside pages, and the whole file.
        file.release(UnsafeBufferPointer(rebasing: file.bytes[5_000..<2_000_000]))
        #expect(Array(file.bytes) == bytes)
        file.release(file.bytes)
        #expect(Array(file.bytes[1_000_000..<1_000_100]) == Array(bytes[1_000_000..<1_000_100]))
        #expect(Array(file.bytes) == bytes)
    }
}
