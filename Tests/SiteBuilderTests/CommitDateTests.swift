import Foundation
import GazetteCore
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

/// Articles without a date of their own are dated by their file's last commit, asked of git
/// only for them, through the build cache too.
struct CommitDateTests {
    private static let gitIsInstalled = ["/usr/bin/git", "/usr/local/bin/git"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs git in `folder`, committing as a fixed person at `date`.
    private func git(_ arguments: [String], in folder: URL, date: String = "2020-01-01T00:00:00Z") throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"] + arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging([
            "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date, "GIT_CONFIG_GLOBAL": "/dev/null",
        ]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }

    /// The `datetime` of the page's first `<time>`.
    private func pageDate(_ site: RenderedSite, _ path: String) throws -> String {
        let text = try #require(site.files.first { $0.path == path }?.text)
        let start = try #require(text.range(of: "<time datetime=\"")).upperBound
        return String(text[start...].prefix { $0 != "\"" })
    }

    /// An undated note takes its last commit's date, a name with pattern characters included;
    /// a dated post keeps its own. A commit that touches the note dates it anew, one that does
    /// not leaves it; each cached build publishes what a build from nothing does.
    @Test(.enabled(if: gitIsInstalled)) func undatedArticlesTakeTheirLastCommitsDate() async throws {
        let site = try TemporarySite([
            "site.yml": "title: Git\nbase_url: https://example.org/\n",
            "content/posts/2024-03-01-dated.md": "---\ntitle: Dated\n---\nIts own date.\n",
            "content/notes/[draft] note*.md": "---\ntitle: Undated\n---\nNo date.\n",
        ])
        try git(["init", "-q"], in: site.folder)
        try git(["add", "."], in: site.folder)
        try git(["commit", "-q", "-m", "first"], in: site.folder, date: "2020-05-06T07:08:09Z")
        let cache = BuildCache()
        func build() async throws -> (cached: RenderedSite, cold: RenderedSite) {
            let options = BuildOptions(siteFolder: site.folder)
            let cached = try await SiteBuild.render(options, cache: cache)
            let cold = try await SiteBuild.render(options, cache: nil)
            #expect(cached.files.map(\.path) == cold.files.map(\.path))
            #expect(cached.files.map(\.bytes) == cold.files.map(\.bytes))
            return (cached, cold)
        }
        let note = "notes/draft-note/index.html"
        var built = try await build()
        #expect(try pageDate(built.cached, note).hasPrefix("2020-05-06T07:08:09"))
        #expect(try pageDate(built.cached, "posts/dated/index.html").hasPrefix("2024-03-01"))
        #expect(!built.cached.summary.warnings.contains { $0.message.contains("modification time") })

        try site.write("content/posts/2024-03-01-dated.md", "---\ntitle: Dated\n---\nEdited.\n")
        try git(["commit", "-q", "-am", "other"], in: site.folder, date: "2021-01-01T00:00:00Z")
        built = try await build()
        #expect(try pageDate(built.cached, note).hasPrefix("2020-05-06T07:08:09"))

        try site.write("content/notes/[draft] note*.md", "---\ntitle: Undated\n---\nNo date, edited.\n")
        try git(["commit", "-q", "-am", "note"], in: site.folder, date: "2022-02-03T04:05:06Z")
        built = try await build()
        #expect(try pageDate(built.cached, note).hasPrefix("2022-02-03T04:05:06"))
    }

    /// Only the files asked about are looked up, each by its name, never as a pattern; outside
    /// a git checkout there are no dates.
    @Test(.enabled(if: gitIsInstalled)) func commitDatesAreReadForTheFilesAskedAbout() throws {
        let site = try TemporarySite(["content/a.md": "a", "content/b.md": "b", "content/[ab].md": "c"])
        let content = site.folder.appending(path: "content")
        #expect(CommitDates.read(contentFolder: content, paths: ["a.md"]).isEmpty)
        try git(["init", "-q"], in: site.folder)
        try git(["add", "."], in: site.folder)
        try git(["commit", "-q", "-m", "first"], in: site.folder, date: "2020-05-06T07:08:09Z")
        let dates = CommitDates.read(contentFolder: content, paths: ["[ab].md", "missing.md"])
        #expect(dates.keys.sorted() == ["[ab].md"])
        #expect(dates["[ab].md"]?.rfc3339.hasPrefix("2020-05-06T07:08:09") == true)
        #expect(CommitDates.read(contentFolder: content, paths: []).isEmpty)
    }
}
