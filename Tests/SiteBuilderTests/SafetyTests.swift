import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

/// A failed build loses nothing, and nothing outside the output folder is touched.
@Suite
struct SafetyTests {
    @Test func failedBuildLeavesThePreviousOutputByteIdentical() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "---\ntitle: A\n---\nFirst version."])
        try await site.build()
        let before = try site.outputTree()
        // Fails after reading and rendering, in validation: a broken link.
        try site.write("content/2024-01-02-b.md", "[broken](/missing/)")
        #expect(await !site.buildErrors().isEmpty)
        #expect(try site.outputTree() == before)
        // Fails while reading.
        try site.write("content/2024-01-03-c.md", "---\ndate: soon\n---\n")
        #expect(await !site.buildErrors().isEmpty)
        #expect(try site.outputTree() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter {
            $0.contains("staging")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func successfulRebuildReplacesStaleFiles() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "A", "content/2024-01-02-b.md": "B"])
        try await site.build()
        try FileManager.default.removeItem(at: site.folder.appending(path: "content/2024-01-02-b.md"))
        try await site.build()
        #expect(try site.outputTree()["b/index.html"] == nil)
        #expect(try site.outputTree()["a/index.html"] != nil)
    }

    @Test func outputFolderMayNotBeTheSiteOrHoldIt() throws {
        let site = try TemporarySite(["content/a.md": "A"])
        #expect(throws: BuildFailure.self) { try OutputLocation.check(output: site.folder, site: site.folder) }
        #expect(throws: BuildFailure.self) {
            try OutputLocation.check(output: site.folder.deletingLastPathComponent(), site: site.folder)
        }
        #expect(throws: BuildFailure.self) {
            try OutputLocation.check(output: site.folder.appending(path: "content/out"), site: site.folder)
        }
    }

    @Test func unrelatedNonEmptyFolderIsNotReplaced() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "A", "public/notes.txt": "mine"])
        let errors = await site.buildErrors()
        #expect(errors.first?.message.contains("is not an earlier build") == true)
        #expect(try site.read("notes.txt") == "mine")
    }

    @Test func outputDoesNotDependOnTheBuildClock() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "---\ndate: 2024-01-01T10:00:00+02:00\n---\nA"])
        try await site.build()
        let feed = try site.read("feed.xml")
        #expect(feed.contains("<updated>2024-01-01T10:00:00+02:00</updated>"))
        #expect(try site.read("sitemap.xml").contains("<lastmod>2024-01-01T10:00:00+02:00</lastmod>"))
    }
}
