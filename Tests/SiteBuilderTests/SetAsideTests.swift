import Foundation
import GazetteCore
import Testing

@testable import SiteBuilder

/// What a build sets aside on disk reads back the same, leaves no file behind, and is made
/// again if asked for after.
@Suite struct SetAsideTests {
    @Test func aSpoolReadsBackWhatWasAppendedAndHasNoName() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "gazette-spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var spool = try RowSpool(in: folder)
        let parts: [[UInt8]] = [Array("first".utf8), [], Array(repeating: 7, count: 70_000), Array("last".utf8)]
        let places = try parts.map { try spool.append($0) }
        #expect(places.map(\.count) == parts.map(\.count))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let file = try spool.mapped()
        #expect(file.bytes.count == parts.reduce(0) { $0 + $1.count })
        for (part, place) in zip(parts, places) {
            #expect(Array(file.bytes[place]) == part)
        }
        // Given back in one span, the pages read the same again.
        file.release(spanning: places.map { UnsafeBufferPointer(rebasing: file.bytes[$0]) })
        #expect(Array(file.bytes[places[2]]) == parts[2])
    }

    @Test func aValueSetAsideIsSavedButMadeAgainWhenAskedForAndOneReadIsKept() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "gazette-spool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = StageCache<String>()
        let key = ContentDigest(of: Array("inputs".utf8))
        var spool = try RowSpool(in: folder)
        let places = try ["archive of a", "archive of c"].map { try spool.append(Array($0.utf8)) }
        let file = try spool.mapped()
        let archives = places.map { ArchivedRow(bytes: UnsafeBufferPointer(rebasing: file.bytes[$0]), file: file) }
        // "c" is read from a cache file, with its archive.
        table.restore(
            [.init(id: "c", key: key, value: "read", archived: archives[1])], newer: [], removing: [])
        #expect(table.value(for: "a", key: key) { "made" } == "made")
        #expect(table.value(for: "b", key: key) { "made too" } == "made too")
        #expect(Set(table.unarchivedRows().map(\.id)) == ["a", "b"])
        // Only "a" is archived: "b", which has no archive, keeps its value, and so does "c",
        // whose archive was read.
        table.setAsideValues(archived: ["a": (key, archives[0])])
        #expect(table.use("a", key: key) == nil)
        #expect(table.use("b", key: key) == "made too")
        #expect(table.use("c", key: key) == "read")
        #expect(table.unarchivedRows().map(\.id) == ["b"])
        let rows = table.snapshot()
        #expect(rows.map(\.id) == ["a", "b", "c"])
        #expect(rows.map(\.value) == [nil, "made too", "read"])
        #expect(rows[0].archived.map { String(decoding: $0.bytes, as: UTF8.self) } == "archive of a")
        var made = 0
        #expect(
            table.value(for: "a", key: key) {
                made += 1
                return "made again"
            } == "made again")
        #expect(made == 1)
        #expect(table.snapshot()[0].archived == nil)
    }
}
