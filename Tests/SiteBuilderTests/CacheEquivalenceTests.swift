import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder

/// A build through a cache that earlier builds filled must publish exactly what a build from
/// nothing publishes, whatever was edited in between.
@Suite struct CacheEquivalenceTests {
    private static let files: [String: String] = [
        "site.yml": "title: Cached\nbase_url: https://example.org/\n",
        "content/posts/2024-03-01-one.md": "---\ntitle: One\ntags: [a, b]\n---\nFirst.\n",
        "content/posts/2024-03-02-two.md": "---\ntitle: Two\ntags: [a]\n---\nSecond, from {{ site.url }}.\n",
        "content/posts/2024-03-03-three.md":
            "---\ntitle: Three\ntags: [b]\n---\nThird, after [one](2024-03-01-one.md).\n",
        "content/notes/undated.md": "An undated note, dated by its modification time.\n",
        "static/robots-extra.txt": "extra\n",
    ]

    /// One kind of edit, applied to the site folder.
    private struct Edit: CustomTestStringConvertible, Sendable {
        let name: String
        let apply: @Sendable (TemporarySite) throws -> Void
        var testDescription: String { name }
    }

    private static let edits: [Edit] = [
        Edit(name: "article body") {
            try $0.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ntags: [a]\n---\nSecond, edited.\n")
        },
        Edit(name: "title") {
            try $0.write("content/posts/2024-03-02-two.md", "---\ntitle: Two renamed\ntags: [a]\n---\nSecond.\n")
        },
        Edit(name: "date") {
            try $0.write(
                "content/posts/2024-03-02-two.md", "---\ntitle: Two\ndate: 2024-02-01\ntags: [a]\n---\nSecond.\n")
        },
        Edit(name: "tags") {
            try $0.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ntags: [c]\n---\nSecond.\n")
        },
        Edit(name: "draft flag") {
            try $0.write("content/posts/2024-03-02-two.md", "---\ntitle: Two\ndraft: true\n---\nSecond.\n")
        },
        Edit(name: "template") {
            try $0.write(
                "templates/partials/summary.mustache", "<li class=\"summary\"><a href=\"{{url}}\">{{title}}</a></li>\n")
        },
        Edit(name: "site.yml") {
            try $0.write("site.yml", "title: Cached again\nbase_url: https://example.org/blog/\n")
        },
        Edit(name: "base URL host") {
            try $0.write("site.yml", "title: Cached\nbase_url: https://elsewhere.example.org/\n")
        },
        Edit(name: "static file") { try $0.write("static/robots-extra.txt", "changed\n") },
        Edit(name: "deleted article") {
            try FileManager.default.removeItem(at: $0.folder.appending(path: "content/posts/2024-03-03-three.md"))
        },
        Edit(name: "renamed article") {
            try FileManager.default.moveItem(
                at: $0.folder.appending(path: "content/posts/2024-03-03-three.md"),
                to: $0.folder.appending(path: "content/posts/2024-03-03-third.md")
            )
        },
        Edit(name: "modification time") {
            let file = $0.folder.appending(path: "content/notes/undated.md").path
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)], ofItemAtPath: file)
        },
    ]

    /// Every file of a build, by path, with its bytes (copied files read from their source).
    private func snapshot(_ site: RenderedSite) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for file in site.files {
            switch file.contents {
            case .bytes(let bytes): files[file.path] = Data(bytes)
            case .copy(let url): files[file.path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    private func render(_ site: TemporarySite, cache: BuildCache?) async throws -> RenderedSite {
        try await SiteBuild.render(BuildOptions(siteFolder: site.folder, includeDrafts: false), cache: cache)
    }

    @Test(arguments: edits)
    private func cachedBuildEqualsColdBuildAfter(_ edit: Edit) async throws {
        let site = try TemporarySite(Self.files)
        let cache = BuildCache()
        _ = try await render(site, cache: cache)
        _ = try await render(site, cache: cache)
        try edit.apply(site)
        let cached = try snapshot(try await render(site, cache: cache))
        let cold = try snapshot(try await render(site, cache: nil))
        #expect(cached.keys.sorted() == cold.keys.sorted())
        for (path, bytes) in cold where cached[path] != bytes {
            Issue.record("\(path) differs after editing the \(edit.name)")
        }
    }

    @Test func anUnchangedRebuildReusesEveryStageAndKeepsNothingStale() async throws {
        let site = try TemporarySite(Self.files)
        let cache = BuildCache()
        let first = try snapshot(try await render(site, cache: cache))
        let remembered = cache.count
        #expect(remembered > 0)
        #expect(try snapshot(try await render(site, cache: cache)) == first)
        #expect(cache.count == remembered)
        try FileManager.default.removeItem(at: site.folder.appending(path: "content/posts/2024-03-03-three.md"))
        _ = try await render(site, cache: cache)
        // The deleted article's read, render, page, entry, inspection and link entries are swept.
        #expect(cache.count < remembered)
        #expect(cache.read.count == 3 && cache.render.count == 3 && cache.articlePages.count == 3)
    }
}
