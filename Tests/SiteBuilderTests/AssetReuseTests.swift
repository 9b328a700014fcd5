import Foundation
import GazetteCore
import Testing

@testable import SiteBuilder
@testable import SiteContent
@testable import SiteModel

/// Files published as they are are linked from the output, neither read nor compared, while
/// their source and the published file are as the last build left them.
struct AssetReuseTests {
    @Test func anAssetIsReusedByItsStampsUntilEitherFileChanges() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "gazette-assets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appending(path: "site/static")
        let output = folder.appending(path: "public")
        try FileManager.default.createDirectory(at: source.appending(path: "images"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: output.appending(path: "images"), withIntermediateDirectories: true)
        try Data("photo".utf8).write(to: source.appending(path: "images/a.jpg"))
        try Data("photo".utf8).write(to: output.appending(path: "images/a.jpg"))

        func asset(_ published: PublishedPages?, recording: Bool = true) -> (
            file: OutputFile, record: PublishedPages.Record?
        ) {
            AssetReuse(published: published, recording: recording).asset(
                "images/a.jpg", in: source, named: "static", to: "images/a.jpg")
        }
        /// The last build's record of the asset, stamped as publishing stamps it.
        func published(_ record: PublishedPages.Record?) throws -> PublishedPages {
            var record = try #require(record)
            record.stamp = FileReading.stamp(atPath: output.appending(path: "images/a.jpg").path)
            return PublishedPages(folder: output, records: [record])
        }
        func isReused(_ file: OutputFile) -> Bool {
            if case .published = file.contents { true } else { false }
        }

        // A build that does not publish records nothing and copies.
        #expect(asset(nil, recording: false).record == nil)
        let first = asset(nil)
        #expect(!isReused(first.file))
        #expect(first.file.source == "static/images/a.jpg" && first.file.kind == .asset)
        var last = try published(first.record)
        let second = asset(last)
        #expect(isReused(second.file))
        #expect(second.file.bytes == Array("photo".utf8))

        // The source rewritten: copied again, and recorded anew.
        try Data("other".utf8).write(to: source.appending(path: "images/a.jpg"))
        let third = asset(last)
        #expect(!isReused(third.file))
        #expect(third.record?.key != first.record?.key)
        try Data("other".utf8).write(to: output.appending(path: "images/a.jpg"))
        last = try published(third.record)
        #expect(isReused(asset(last).file))

        // The published file changed by hand: copied again.
        try Data("hand!".utf8).write(to: output.appending(path: "images/a.jpg"))
        #expect(!isReused(asset(last).file))
    }
}
