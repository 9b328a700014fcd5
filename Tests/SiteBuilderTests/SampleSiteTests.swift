import Foundation
import GazetteCore
import SiteModel
import Syndication
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

/// The repository is itself a site; it must always build cleanly.
@Suite
struct SampleSiteTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func sampleSiteBuildsValidatedWithoutWarnings() async throws {
        let output = FileManager.default.temporaryDirectory.appending(path: "gazette-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let summary = try await SiteBuild.run(BuildOptions(siteFolder: Self.repository, outputFolder: output))
        #expect(summary.articles >= 8)
        #expect(summary.warnings.filter { !$0.message.contains("modification time") } == [])
        let feed = try String(contentsOf: output.appending(path: "feed.xml"), encoding: .utf8)
        #expect(feed.contains("<title type=\"text\">The Ledger Line</title>"))
        // Every feed, page and the sitemap pass `build-site validate` with no error or warning.
        let validator = DocumentValidator(options: FeedValidationOptions(byteBudget: 512 * 1024))
        var checked = 0
        for (path, explicit) in try DocumentValidator.files(in: [output.path]) {
            guard let report = try validator.validate(file: path, explicit: explicit) else { continue }
            #expect(report.issues == [], "\(path)")
            checked += 1
        }
        #expect(checked > 30)
    }
}
