import Foundation
import GazetteCore
import SiteModel
import Syndication
import TestSupport
import Testing
import XMLKit

@testable import SiteBuilder
@testable import SiteContent

/// Builds `Fixtures/golden-site` and compares its output with `Fixtures/golden-site.expected`.
/// Set `GAZETTE_UPDATE_GOLDEN=1` to rewrite the expected files after an intended change.
@Suite(.serialized)
struct GoldenSiteTests {
    static let expected = TemporarySite.fixtures.appending(path: "golden-site.expected")
    /// Output files compared byte for byte; every other file is compared by presence.
    static let keyFiles = [
        "feed.xml", "rss.xml", "feed.json", "sitemap.xml", "robots.txt", "index.html",
        "posts/fish-and-chips/index.html", "notes/plain/index.html", "tags/food/index.html",
    ]

    @Test func outputMatchesTheGoldenTree() async throws {
        let site = try TemporarySite(fixture: "golden-site")
        let summary = try await site.build()
        #expect(summary.articles == 3)
        let tree = try site.outputTree()
        let fileList = tree.keys.sorted().joined(separator: "\n") + "\n"

        if ProcessInfo.processInfo.environment["GAZETTE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.expected, withIntermediateDirectories: true)
            try Data(fileList.utf8).write(to: Self.expected.appending(path: "files.txt"))
            for file in Self.keyFiles {
                let url = Self.expected.appending(path: file)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try tree[file]!.write(to: url)
            }
        }

        #expect(fileList == (try String(contentsOf: Self.expected.appending(path: "files.txt"), encoding: .utf8)))
        for file in Self.keyFiles {
            let actual = String(decoding: try #require(tree[file]), as: UTF8.self)
            let golden = try String(contentsOf: Self.expected.appending(path: file), encoding: .utf8)
            #expect(actual == golden, "\(file) differs from the golden copy")
        }
    }

    @Test func buildsRunningAtOnceAreByteIdentical() async throws {
        let reference = try TemporarySite(fixture: "golden-site")
        try await reference.build()
        let expected = try reference.outputTree()
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let site = try TemporarySite(fixture: "golden-site")
                    try await site.build()
                    let tree = try site.outputTree()
                    return expected.keys.filter { tree[$0] != expected[$0] }.sorted()
                }
            }
            for try await differing in group {
                #expect(differing.isEmpty, "files differ between concurrent builds: \(differing)")
            }
        }
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let first = try TemporarySite(fixture: "golden-site")
        try await first.build()
        let second = try TemporarySite(fixture: "golden-site")
        try await second.build()
        #expect(try first.outputTree() == second.outputTree())
    }
}

@Suite(.serialized)
struct GoldenFeedTests {
    @Test func goldenFeedParsesAndPassesTheAtomSchema() throws {
        let feed = try String(contentsOf: GoldenSiteTests.expected.appending(path: "feed.xml"), encoding: .utf8)
        #expect(AtomValidator().validate(feed) == [])
        let root = try #require(XMLDocument.parseXML(feed).document?.rootElement)
        #expect(root.children(named: "entry").count == 3)
    }
}
