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
            $0.contains("staging") || $0.contains("gazette-pages")
        }
        #expect(leftovers.isEmpty)
        // A build that succeeds leaves only the output and the previous output beside it.
        try FileManager.default.removeItem(at: site.folder.appending(path: "content/2024-01-02-b.md"))
        try FileManager.default.removeItem(at: site.folder.appending(path: "content/2024-01-03-c.md"))
        try await site.build()
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter { $0.hasPrefix(".public") }
                == [
                    OutputWriter.stagingName(for: "public")
                ])
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
        #expect(errors.first?.message.contains("was not written by build-site") == true)
        #expect(try site.read("notes.txt") == "mine")
    }

    /// A web root that merely looks like a build (it has `index.html` and `sitemap.xml`) is
    /// not one: without build-site's manifest it is refused, and nothing in it is deleted.
    @Test func aWebRootThatLooksBuiltIsNotReplaced() async throws {
        let site = try TemporarySite([
            "content/2024-01-01-a.md": "A", "public/index.html": "<p>theirs</p>", "public/sitemap.xml": "<urlset/>",
            "public/uploads/photo.jpg": "jpeg", "public/.well-known/security.txt": "contact",
        ])
        let before = try site.outputTree()
        #expect(await site.buildErrors().first?.message.contains("was not written by build-site") == true)
        #expect(try site.outputTree() == before)
    }

    /// Files someone else put in an earlier build's output (a `CNAME`, `.well-known/`) are
    /// carried into the new one with a warning, never deleted.
    @Test func filesBuildSiteDidNotWriteAreKept() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "A"])
        try await site.build()
        try site.write("public/CNAME", "blog.example.org\n")
        try site.write("public/.well-known/security.txt", "Contact: mailto:me@example.org\n")
        let summary = try await site.build()
        #expect(try site.read("CNAME") == "blog.example.org\n")
        #expect(try site.read(".well-known/security.txt") == "Contact: mailto:me@example.org\n")
        let warning = summary.warnings.first { $0.message.contains("did not write") }
        #expect(
            warning?.message.contains("kept 2 files that build-site did not write (.well-known/security.txt, CNAME)")
                == true)
        #expect(!(try site.read(OutputManifest.fileName)).contains("CNAME"))

        // One of them where the build now writes a page: refused, and nothing is lost.
        try site.write("public/a/extra.txt", "mine")
        try site.write("public/b", "mine too")
        try site.write("content/2024-01-02-b.md", "B")
        let before = try site.outputTree()
        let errors = await site.buildErrors()
        #expect(errors.map(\.file) == ["public/b"])
        #expect(try site.outputTree() == before)
    }

    /// An output folder that is a symbolic link stays one: the site is published where it leads.
    @Test func aSymlinkedOutputFolderIsFollowed() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "A"])
        let target = site.folder.appending(path: "elsewhere/www")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.output, withDestinationURL: target)
        try await site.build()
        try site.write("content/2024-01-02-b.md", "B")
        try await site.build()
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: site.output.path)
        #expect(link == target.path)
        #expect(FileManager.default.fileExists(atPath: target.appending(path: "b/index.html").path))
    }

    @Test func outputDoesNotDependOnTheBuildClock() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "---\ndate: 2024-01-01T10:00:00+02:00\n---\nA"])
        try await site.build()
        let feed = try site.read("feed.xml")
        #expect(feed.contains("<updated>2024-01-01T10:00:00+02:00</updated>"))
        #expect(try site.read("sitemap.xml").contains("<lastmod>2024-01-01T10:00:00+02:00</lastmod>"))
    }

    /// A configuration file that is there but cannot be read fails the build: it is never taken
    /// for a missing one, which would republish the site with default settings.
    @Test(arguments: ["folder", "fifo"])
    func anUnreadableSiteFileFailsTheBuild(_ kind: String) async throws {
        let site = try TemporarySite(["site.yml": "title: Mine\n", "content/2024-01-01-a.md": "A"])
        try await site.build()
        let before = try site.outputTree()
        let config = site.folder.appending(path: "site.yml")
        try FileManager.default.removeItem(at: config)
        if kind == "folder" {
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: false)
        } else {
            #expect(mkfifo(config.path, 0o644) == 0)
        }
        let errors = await site.buildErrors()
        #expect(errors.map(\.file) == ["site.yml"])
        #expect(errors.first?.message.contains(kind == "folder" ? "is a folder" : "named pipe (FIFO)") == true)
        #expect(try site.outputTree() == before)
    }

    /// Special files are refused by name, never opened: reading a named pipe would block the
    /// build for good.
    @Test(arguments: ["static/pipe", "content/pipe", "content/posts/pipe.md", "templates/pipe.mustache"])
    func aNamedPipeIsRefusedNotRead(_ path: String) async throws {
        let site = try TemporarySite(["content/posts/2024-01-01-a.md": "A", "static/x.txt": "x", "templates/.keep": ""])
        let pipe = site.folder.appending(path: path)
        try FileManager.default.createDirectory(at: pipe.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(pipe.path, 0o644) == 0)
        let errors = await site.buildErrors()
        #expect(errors.map(\.file) == [path])
        #expect(errors.first?.message.contains("named pipe (FIFO), not a regular file") == true)
    }

    @Test func aSymbolicLinkLoopIsNamedAsOne() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "A"])
        try FileManager.default.createSymbolicLink(
            atPath: site.folder.appending(path: "content/loop").path, withDestinationPath: "loop")
        let errors = await site.buildErrors()
        #expect(errors.map(\.file) == ["content/loop"])
        #expect(errors.first?.message.contains("symbolic link loop") == true)
    }
}
