import Foundation
import GazetteCore
import SiteBuilder
import SiteModel
import Synchronization
import Syndication
import TestSupport
import Testing

@testable import SiteServer

/// A site in a temporary folder and a server serving it on a free port.
final class RunningServer: Sendable {
    let site: TemporarySite
    let server: DevServer
    let task: Task<Void, any Error>
    let port: Int

    init(files: [String: String], port requested: Int = 0, limits: DevServer.Limits = .init()) async throws {
        site = try TemporarySite(files)
        let options = BuildOptions(siteFolder: site.folder, includeDrafts: true, includeFuture: true)
        server = DevServer(DevServer.Configuration(port: requested, options: options, limits: limits)) { _ in }
        let server = self.server
        (task, port) = await startListening { try await server.run(onListening: $0) }
    }

    var client: LoopbackClient { LoopbackClient(port: port) }

    var folder: URL { site.folder }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appending(path: path))
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// Drives `build-site serve`'s server over loopback.
@Suite(.serialized)
struct DevServerTests {
    static let site = [
        "site.yml": "title: Served\nbase_url: https://served.example.org/\n",
        "content/posts/2024-01-01-hello.md": "---\ntitle: Hello\n---\nFirst version.",
        "content/posts/2024-01-02-draft.md": "---\ntitle: Draft\ndraft: true\n---\nNot yet.",
        "static/images/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ]

    @Test func servesPagesFeedsAndAssetsWithTheirContentTypes() async throws {
        let server = try await RunningServer(files: Self.site)
        let page = try await server.client.get("/posts/hello/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.body.contains("First version."))
        #expect(page.body.contains("/__gazette/events"), "the live-reload script is injected while serving")
        #expect(page.body.contains("const page = \"posts/hello/index.html\";"), "and knows its page")
        let draft = try await server.client.get("/posts/draft/")
        #expect(draft.status == 200, "drafts are shown while serving")
        #expect(draft.body.contains("<span class=\"status\">Draft</span>"), "and look like drafts")
        // Feeds as browsers display them, so the writer reads them rather than downloads them.
        #expect(try await server.client.get("/feed.xml").headers["content-type"] == "application/xml; charset=utf-8")
        #expect(try await server.client.get("/rss.xml").headers["content-type"] == "application/xml; charset=utf-8")
        #expect(try await server.client.get("/feed.json").headers["content-type"] == "application/json; charset=utf-8")
        #expect(try await server.client.get("/images/a.svg").headers["content-type"] == "image/svg+xml")
        #expect(!(try await server.client.get("/feed.xml").body.contains("__gazette")), "feeds never get the script")
        await server.stop()
    }

    @Test func prettyURLsRedirectAndMissingPagesGetThe404Page() async throws {
        let server = try await RunningServer(files: Self.site)
        let redirect = try await server.client.get("/posts/hello")
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/posts/hello/")
        let missing = try await server.client.get("/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        await server.stop()
    }

    @Test func etagsAnswerNotModified() async throws {
        let server = try await RunningServer(files: Self.site)
        let first = try await server.client.get("/posts/hello/")
        let tag = try #require(first.headers["etag"])
        #expect(try await server.client.get("/posts/hello/", headers: ["If-None-Match": tag]).status == 304)
        await server.stop()
    }

    @Test(arguments: [
        "/../etc/passwd", "/%2e%2e/etc/passwd", "/posts/%2E%2E/%2e%2e/site.yml", "/..%2f..%2fetc/passwd",
        "/static/../site.yml", "/a%00b",
    ])
    func pathsNeverLeaveTheSite(path: String) async throws {
        let server = try await RunningServer(files: Self.site)
        let reply = try await server.client.get(path)
        #expect([400, 404].contains(reply.status))
        #expect(!reply.body.contains("root:"))
        #expect(!reply.body.contains("base_url"))
        await server.stop()
    }

    @Test func aChangeReloadsPagesWithTheNewContent() async throws {
        let server = try await RunningServer(files: Self.site)
        let events = try await server.client.events(
            until: { $0.contains("event: reload\n") }, timeout: 15,
            whileOpen: {
                try server.write("content/posts/2024-01-01-hello.md", "---\ntitle: Hello\n---\nSecond version.")
            })
        #expect(events.contains("event: reload\n"))
        #expect(try await server.client.get("/posts/hello/").body.contains("Second version."))
        await server.stop()
    }

    /// An edited article's page is shown before the site is built again; once it is, pages that
    /// show it are not reloaded a second time, as the build made it the same.
    @Test func anEditedArticleIsShownBeforeTheSiteIsBuilt() async throws {
        let server = try await RunningServer(files: Self.site)
        let events = try await server.client.events(
            until: { $0.contains("event: reload\n") }, timeout: 15,
            whileOpen: {
                try server.write("content/posts/2024-01-01-hello.md", "---\ntitle: Hello\n---\nSecond version.")
            })
        let preview = try #require(events.range(of: "event: reload-only\ndata: [\"posts/hello/index.html\"]\n"))
        let reload = try #require(events.range(of: "event: reload\ndata: [\"posts/hello/index.html\"]\n"))
        #expect(preview.upperBound <= reload.lowerBound)
        #expect(try await server.client.get("/posts/hello/").body.contains("Second version."))
        await server.stop()
    }

    /// An edit shown ahead of a build that then fails is taken back: the last good build is
    /// served as it was.
    @Test func aPreviewOfABuildThatFailsIsTakenBack() async throws {
        let server = try await RunningServer(files: Self.site)
        let events = try await server.client.events(
            until: { $0.contains("event: failure") }, timeout: 15,
            whileOpen: {
                // Readable alone, but the build stops: the draft's address is taken.
                try server.write(
                    "content/posts/2024-01-01-hello.md",
                    "---\ntitle: Hello\naliases: [/posts/draft/]\n---\nClashing version.")
            })
        // Shown, then taken back: its open pages reload to the last good version.
        #expect(events.components(separatedBy: "event: reload-only\ndata: [\"posts/hello/index.html\"]").count == 3)
        #expect(try await server.client.get("/posts/hello/").body.contains("First version."))
        await server.stop()
    }

    @Test func aBrokenBuildKeepsTheLastGoodSiteAndRecovers() async throws {
        let server = try await RunningServer(files: Self.site)
        let failure = try await server.client.events(
            until: { $0.contains("event: failure") }, timeout: 15,
            whileOpen: {
                try server.write("content/posts/2024-01-01-hello.md", "---\ntitle: [broken\n---\nBroken.")
            })
        #expect(failure.contains("event: failure"))
        #expect(failure.contains("content/posts/2024-01-01-hello.md"))
        #expect(
            try await server.client.get("/posts/hello/").body.contains("First version."),
            "the last good build stays online")
        let recovered = try await server.client.events(
            until: { $0.contains("event: reload\n") }, timeout: 15,
            whileOpen: {
                try server.write("content/posts/2024-01-01-hello.md", "---\ntitle: Hello\n---\nFixed version.")
            })
        #expect(recovered.contains("event: reload\n"))
        #expect(try await server.client.get("/posts/hello/").body.contains("Fixed version."))
        await server.stop()
    }

    /// A broken link written while previewing does not freeze the preview: the new version is
    /// served, and the problem is shown over it, named by the Markdown file and line.
    @Test func aBrokenLinkIsShownButTheNewVersionIsServed() async throws {
        let server = try await RunningServer(files: Self.site)
        _ = try await server.client.events(
            until: { $0.contains("event: reload\n") }, timeout: 15,
            whileOpen: {
                try server.write(
                    "content/posts/2024-01-01-hello.md", "---\ntitle: Hello\n---\nNew version.\n\n[gone](/nowhere/)\n")
            })
        #expect(try await server.client.get("/posts/hello/").body.contains("New version."))
        let shown = try await server.client.events(
            until: { $0.contains("event: problems") }, timeout: 15, whileOpen: {})
        #expect(shown.contains("content/posts/2024-01-01-hello.md:6: warning: [links] broken link: '/nowhere/'"))
        await server.stop()
    }

    @Test func aBusyPortIsRefusedClearly() async throws {
        let first = try await RunningServer(files: Self.site)
        let options = BuildOptions(siteFolder: first.folder)
        let second = DevServer(DevServer.Configuration(port: first.port, options: options)) { _ in }
        do {
            try await second.run()
            Issue.record("a second server on the same port must not start")
        } catch let error as ServeError {
            #expect(error.description.contains("already in use"))
        }
        await first.stop()
    }
}

@Suite(.serialized)
struct DevServerWatchTests {
    @Test func aFileInANewFolderIsSeenAndWritesBesideTheSourcesAreNot() async throws {
        let server = try await RunningServer(files: DevServerTests.site)
        let quiet = try await server.client.events(
            until: { _ in false }, timeout: 1.5,
            whileOpen: {
                try FileManager.default.createDirectory(
                    at: server.folder.appending(path: "public/x"), withIntermediateDirectories: true)
                try server.write("public/x/index.html", "not a source")
                try server.write("notes.txt", "not a source either")
            })
        #expect(!quiet.contains("event: reload"))
        // As long as other suites loading the machine may make the rebuild take.
        let events = try await server.client.events(
            until: { $0.contains("event: reload\n") }, timeout: 40,
            whileOpen: {
                try FileManager.default.createDirectory(
                    at: server.folder.appending(path: "content/new/deeper"), withIntermediateDirectories: true)
                try server.write("content/new/deeper/2024-01-05-fresh.md", "---\ntitle: Fresh\n---\nNew.")
            })
        #expect(events.contains("event: reload\n"))
        #expect(try await server.client.get("/new/deeper/fresh/").status == 200)
        await server.stop()
    }
}

/// Where inotify is missing, polling says which sources changed, for the previews.
@Suite struct PolledChangesTests {
    @Test func changedAddedAndRemovedSourcesAreNamed() {
        let last = ["content/a.md": [1, 10], "content/b.md": [1, 20], "site.yml": [1, 5]]
        let current = ["content/a.md": [2, 11], "content/b.md": [1, 20], "content/c.md": [3, 1]]
        #expect(
            SourceWatcher.changedSources(from: last, to: current) == ["content/a.md", "content/c.md", "site.yml"])
        #expect(SourceWatcher.changedSources(from: last, to: last).isEmpty)
    }
}

@Suite(.serialized)
struct DevServerBurstTests {
    @Test func aBurstOfSavesGivesOneRebuild() async throws {
        let server = try await RunningServer(files: DevServerTests.site)
        // Reads until two seconds after the first reload, in which a second would come; waits
        // for the first as long as other suites loading the machine may make the rebuild take.
        let firstReload = FirstTime()
        let events = try await server.client.events(
            until: { $0.contains("event: reload\n") && firstReload.elapsed() > .seconds(2) }, timeout: 40,
            whileOpen: {
                for round in 1...4 {
                    try server.write("content/posts/2024-01-01-hello.md", "---\ntitle: Hello\n---\nSave \(round).")
                    try server.write(
                        "content/posts/2024-01-02-draft.md", "---\ntitle: Draft\ndraft: true\n---\nSave \(round).")
                    Thread.sleep(forTimeInterval: 0.01)
                }
            })
        #expect(events.components(separatedBy: "event: reload\n").count - 1 == 1)
        #expect(try await server.client.get("/posts/hello/").body.contains("Save 4."))
        await server.stop()
    }
}

@Suite(.serialized)
struct DevServerSymlinkTests {
    @Test func aSymlinkOutOfTheSiteIsNeverServed() async throws {
        let server = try await RunningServer(files: DevServerTests.site)
        try FileManager.default.createSymbolicLink(
            atPath: server.folder.appending(path: "static/secret.txt").path, withDestinationPath: "/etc/passwd")
        let failure = try await server.client.events(
            until: { $0.contains("event: failure") }, timeout: 15, whileOpen: {})
        #expect(failure.contains("outside the site folder"))
        let reply = try await server.client.get("/secret.txt")
        #expect(reply.status == 404)
        #expect(!reply.body.contains("root:"))
        await server.stop()
    }
}

/// `build-site serve` against careless and hostile clients.
@Suite(.serialized)
struct DevServerLimitTests {
    /// HTTP/1.0 clients (and `ab`) that do not ask for keep-alive get their connection closed
    /// after the response instead of waiting for it forever.
    @Test func http10ConnectionsAreClosedAfterTheResponse() async throws {
        let server = try await RunningServer(files: DevServerTests.site)
        defer { Task { await server.stop() } }
        let reply = try await server.client.exchange("GET / HTTP/1.0\r\n\r\n", readTimeout: 10)
        #expect(reply.closedByServer)
        #expect(reply.received.hasPrefix("HTTP/1.1 200"))
        #expect(reply.received.contains("Hello"))
    }

    /// A client that connects and sends nothing, or half a request, is closed after the idle
    /// timeout.
    @Test func idleConnectionsAreClosed() async throws {
        let server = try await RunningServer(
            files: DevServerTests.site, limits: DevServer.Limits(idleTimeout: .milliseconds(500)))
        defer { Task { await server.stop() } }
        let started = Date()
        let silent = try await server.client.exchange("", readTimeout: 10)
        #expect(silent.closedByServer && silent.received.isEmpty)
        let half = try await server.client.exchange("GET / HTTP/1.1\r\nHost: 127", readTimeout: 10)
        #expect(half.closedByServer)
        #expect(Date().timeIntervalSince(started) < 8)
    }

    /// Connections past the cap are closed as they arrive, unanswered.
    @Test func connectionsPastTheCapAreClosed() async throws {
        let server = try await RunningServer(
            files: DevServerTests.site, limits: DevServer.Limits(maximumConnections: 3, heartbeat: .milliseconds(200)))
        defer { Task { await server.stop() } }
        let held = try (0..<3).map { _ in try server.client.openEventStream() }
        let refused = try await server.client.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n", readTimeout: 10)
        #expect(refused.closedByServer && refused.received.isEmpty)
        for socket in held { close(socket) }
        // Once they are gone (noticed at the next heartbeat), the server answers again.
        var status = 0
        let deadline = Date().addingTimeInterval(10)
        while status != 200, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            status = (try? await server.client.get("/"))?.status ?? 0
        }
        #expect(status == 200)
    }

    /// A page that went away releases its live-reload stream within a heartbeat, without
    /// waiting for the next rebuild.
    @Test func closedEventStreamsAreReleased() async throws {
        let server = try await RunningServer(
            files: DevServerTests.site, limits: DevServer.Limits(heartbeat: .milliseconds(200)))
        defer { Task { await server.stop() } }
        _ = try await server.client.events(until: { $0.contains(": connected") }, timeout: 5, whileOpen: {})
        let deadline = Date().addingTimeInterval(5)
        while server.server.openEventStreams > 0, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(server.server.openEventStreams == 0)
    }

    /// `serve --verbose`: each rebuild logs its stages, in order, with the time each began;
    /// without it, a rebuild logs only its summary line.
    @Test func verboseRebuildsLogTheirStages() async throws {
        let site = try TemporarySite(DevServerTests.site)
        let options = BuildOptions(siteFolder: site.folder, includeDrafts: true, includeFuture: true)
        for logsStages in [true, false] {
            let lines = Mutex<[String]>([])
            let server = DevServer(DevServer.Configuration(options: options, logsStages: logsStages)) { line in
                lines.withLock { $0.append(line) }
            }
            #expect(await server.rebuild())
            let logged = lines.withLock { $0 }
            let stages = logged.filter { $0.hasPrefix("  ") }
            #expect(logged.contains { $0.hasPrefix("Built ") })
            if logsStages {
                let names = stages.map { $0.trimmingCharacters(in: .whitespaces).prefix { $0 != "(" } }
                #expect(names.first == "Reading configuration ")
                #expect(names.contains { $0.hasPrefix("Validating ") }, "\(names)")
                let times = stages.compactMap {
                    Int($0.split(separator: "(at ").last?.split(separator: " ").first ?? "")
                }
                #expect(times.count == stages.count && times == times.sorted())
            } else {
                #expect(stages.isEmpty, "\(stages)")
            }
        }
    }
}

/// When something was first seen: `elapsed()` is zero at its first call.
private final class FirstTime: Sendable {
    private let first = Mutex<ContinuousClock.Instant?>(nil)

    func elapsed() -> Duration {
        let now = ContinuousClock.now
        return now
            - first.withLock { first in
                if first == nil { first = now }
                return first!
            }
    }
}

/// What `serve` tells the terminal after each rebuild.
@Suite struct DevServerReportTests {
    @Test func theTerminalIsToldOnlyTheWarningsASaveChanged() async throws {
        let site = try TemporarySite([
            "site.yml": "title: Served\nbase_url: https://served.example.org/\n",
            "content/posts/2024-01-01-a.md": "---\ntitle: A\n---\n[one](/gone-one/)\n",
            "content/posts/2024-01-02-b.md": "---\ntitle: B\n---\n[two](/gone-two/)\n",
        ])
        let lines = Mutex<[String]>([])
        let server = DevServer(DevServer.Configuration(port: 0, options: BuildOptions(siteFolder: site.folder))) {
            line in lines.withLock { $0.append(line) }
        }
        func logged() -> String {
            lines.withLock { lines in
                defer { lines = [] }
                return lines.joined(separator: "\n")
            }
        }

        #expect(await server.rebuild())
        let first = logged()
        #expect(first.contains("/gone-one/") && first.contains("/gone-two/"), "the first build shows every warning")
        try Data("---\ntitle: B\n---\n[three](/gone-three/)\n".utf8)
            .write(to: site.folder.appending(path: "content/posts/2024-01-02-b.md"))
        #expect(await server.rebuild())
        let second = logged()
        #expect(second.contains("/gone-three/"))
        #expect(!second.contains("/gone-one/") && !second.contains("/gone-two/"))
        #expect(second.contains("as in the last build, 1 fixed"))
    }

    @Test func warningsAreCountedWhenShownBefore() {
        let report = { (warnings: [String], before: Set<String>) in
            DevServer.warningReport(warnings, shownBefore: before)
        }
        #expect(report([], []) == nil)
        #expect(report(["a", "b"], []) == "a\nb")
        #expect(report(["a", "b"], ["a", "b"]) == "2 warnings as in the last build")
        #expect(report(["a", "c"], ["a", "b"]) == "c\n1 warning as in the last build, 1 fixed")
        #expect(report([], ["a", "b"]) == "2 warnings of the last build fixed")
    }
}
