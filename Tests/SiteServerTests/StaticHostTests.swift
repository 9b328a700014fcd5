import Foundation
import SiteBuilder
import Synchronization
import TestSupport
import Testing

@testable import SiteServer

/// A built site and `build-site host` serving its output folder on a free port.
final class RunningHost: Sendable {
    let site: TemporarySite
    let host: StaticHost
    let task: Task<Void, any Error>
    let port: Int
    let log = LogLines()

    init(files: [String: String], configure: (inout StaticHost.Configuration) -> Void = { _ in }) async throws {
        site = try TemporarySite(files)
        _ = try await site.build()
        let log = self.log
        var configuration = StaticHost.Configuration(
            folder: site.folder.appending(path: "public"), host: "127.0.0.1", port: 0)
        configure(&configuration)
        host = StaticHost(configuration) {
            log.append($0)
        }
        let host = self.host
        (task, port) = await startListening { try await host.run(onListening: $0) }
    }

    var client: LoopbackClient { LoopbackClient(port: port) }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// Lines written by the host's access log.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ batch: String) { lines.withLock { $0 += batch.split(separator: "\n").map(String.init) } }
    var all: [String] { lines.withLock { $0 } }
}

/// `build-site host` over loopback: every HTTP behaviour a public static server owes.
@Suite(.serialized)
struct StaticHostTests {
    static let site = [
        "site.yml": "title: Hosted\nbase_url: https://hosted.example.org/\nhost:\n  compress: true\n",
        "content/posts/2024-01-01-hello.md": "---\ntitle: Hello\n---\n"
            + String(repeating: "Words worth compressing. ", count: 40),
        "static/big.bin": String(repeating: "0123456789", count: 1000),
    ]

    @Test func servesFilesWithTypesValidatorsAndSecurityHeaders() async throws {
        let host = try await RunningHost(files: Self.site)
        let page = try await host.client.get("/posts/hello/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.body.contains("Words worth compressing."))
        #expect(page.headers["cache-control"] == "public, max-age=300")
        #expect(page.headers["x-content-type-options"] == "nosniff")
        #expect(page.headers["referrer-policy"] == "strict-origin-when-cross-origin")
        #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
        #expect(page.headers["vary"] == "Accept-Encoding")
        let feed = try await host.client.get("/feed.xml")
        #expect(feed.headers["content-type"] == "application/atom+xml; charset=utf-8")
        #expect(try await host.client.get("/rss.xml").headers["content-type"] == "application/rss+xml; charset=utf-8")
        #expect(
            try await host.client.get("/feed.json").headers["content-type"] == "application/feed+json; charset=utf-8")
        let tag = try #require(page.headers["etag"])
        let lastModified = try #require(page.headers["last-modified"])
        #expect(lastModified.hasSuffix(" GMT"))
        #expect(try await host.client.get("/posts/hello/", headers: ["If-None-Match": tag]).status == 304)
        #expect(try await host.client.get("/posts/hello/", headers: ["If-Modified-Since": lastModified]).status == 304)
        let head = try await host.client.request("HEAD", "/posts/hello/")
        #expect(
            head.status == 200 && head.body.isEmpty && head.headers["content-length"] == page.headers["content-length"])
        let post = try await host.client.request("POST", "/posts/hello/")
        #expect(post.status == 405 && post.headers["allow"] == "GET, HEAD")
        await host.stop()
        #expect(
            host.log.all.contains {
                $0.hasPrefix("127.0.0.1 - - [")
                    && $0.hasSuffix("\"GET /posts/hello/ HTTP/1.1\" 200 \(page.headers["content-length"] ?? "")")
            })
    }

    @Test func precompressedTwinsGoToClientsThatTakeGzip() async throws {
        let host = try await RunningHost(files: Self.site)
        #expect(
            FileManager.default.fileExists(
                atPath: host.site.folder.appending(path: "public/posts/hello/index.html.gz").path))
        let gzipped = try await host.client.get("/posts/hello/", headers: ["Accept-Encoding": "br, gzip;q=0.8"])
        #expect(gzipped.headers["content-encoding"] == "gzip")
        let plain = try await host.client.get("/posts/hello/")
        #expect(Int(gzipped.headers["content-length"] ?? "") ?? 0 < Int(plain.headers["content-length"] ?? "") ?? 0)
        let refused = try await host.client.get("/posts/hello/", headers: ["Accept-Encoding": "gzip;q=0"])
        #expect(refused.headers["content-encoding"] == nil)
        await host.stop()
    }

    @Test func rangesAreServed() async throws {
        let host = try await RunningHost(files: Self.site)
        let part = try await host.client.get("/big.bin", headers: ["Range": "bytes=10-19"])
        #expect(part.status == 206)
        #expect(part.body == "0123456789")
        #expect(part.headers["content-range"] == "bytes 10-19/10000")
        let tail = try await host.client.get("/big.bin", headers: ["Range": "bytes=-5"])
        #expect(tail.status == 206 && tail.body == "56789")
        let beyond = try await host.client.get("/big.bin", headers: ["Range": "bytes=20000-"])
        #expect(beyond.status == 416 && beyond.headers["content-range"] == "bytes */10000")
        await host.stop()
    }

    @Test func missingPagesRedirectsAndTheOutside() async throws {
        let host = try await RunningHost(files: Self.site)
        let missing = try await host.client.get("/nowhere/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        let folder = try await host.client.get("/posts/hello?x=1")
        #expect(folder.status == 301 && folder.headers["location"] == "/posts/hello/?x=1")
        for path in ["/../site.yml", "/%2e%2e/site.yml", "/posts/%00", "/..%2fsite.yml"] {
            let escape = try await host.client.get(path)
            #expect(escape.status == 400 || escape.status == 404, "\(path)")
            #expect(!escape.body.contains("base_url"), "\(path)")
        }
        // A symbolic link in the output that leads out of it is never followed.
        try FileManager.default.createSymbolicLink(
            at: host.site.folder.appending(path: "public/secret.yml"),
            withDestinationURL: host.site.folder.appending(path: "site.yml"))
        #expect(try await host.client.get("/secret.yml").status == 404)
        await host.stop()
    }

    /// While builds replace the folder again and again, every response is wholly one build's:
    /// its body matches its length and its ETag's build.
    @Test func aRebuildDuringRequestsNeverServesAMix() async throws {
        let host = try await RunningHost(files: Self.site)
        let site = host.site
        let writer = Task {
            for round in 0..<12 {
                try Data("---\ntitle: Hello\n---\nVersion \(round) \(String(repeating: "x", count: round * 500))".utf8)
                    .write(
                        to: site.folder.appending(path: "content/posts/2024-01-01-hello.md"))
                _ = try await site.build()
            }
        }
        var seen: Set<String> = []
        var answered = 0
        for _ in 0..<400 {
            let reply = try await host.client.get("/posts/hello/")
            #expect(reply.status == 200)
            #expect(reply.body.utf8.count == Int(reply.headers["content-length"] ?? "") ?? -1)
            #expect(reply.body.hasSuffix("</html>\n"), "a whole page")
            let versions = Set(reply.body.matches(of: /Version (\d+)/).map { String($0.output.1) })
            #expect(versions.count <= 1, "one build's page")
            seen.formUnion(versions)
            answered += 1
        }
        try await writer.value
        #expect(answered == 400)
        #expect(seen.count > 1, "the requests met several builds")
        await host.stop()
    }

    /// Files are kept open between requests, but the request after a build's swap is answered
    /// from the new build.
    @Test func theRequestAfterABuildGetsTheNewBuild() async throws {
        let host = try await RunningHost(files: Self.site)
        for round in 1...3 {
            #expect(try await host.client.get("/posts/hello/").status == 200)
            try host.site.write("content/posts/2024-01-01-hello.md", "---\ntitle: Hello\n---\nRound \(round).")
            _ = try await host.site.build()
            #expect(try await host.client.get("/posts/hello/").body.contains("Round \(round)."))
        }
        await host.stop()
    }

    /// A client that sends its head a line at a time is closed once the header timeout has
    /// passed since its first byte, however often it sends; one whose head comes in parts
    /// within it is answered.
    @Test func aHeadThatTakesTooLongIsCutOff() async throws {
        let host = try await RunningHost(files: Self.site) { $0.headerTimeout = .milliseconds(600) }
        let started = ContinuousClock.now
        let slow = try await host.client.trickle(
            ["GET / HTTP/1.1\r\n"] + (1...20).map { "X-Line-\($0): still coming\r\n" } + ["\r\n"], interval: 0.15,
            readTimeout: 5)
        #expect(slow.closedByServer)
        #expect(slow.received.isEmpty, "no answer to a head that never came whole")
        #expect(ContinuousClock.now - started < .seconds(2.5), "closed before the client finished")
        let parts = try await host.client.trickle(
            ["GET / HTTP/1.1\r\nHost: a\r\n", "Connection: close\r\n\r\n"], interval: 0.2, readTimeout: 5)
        #expect(parts.received.hasPrefix("HTTP/1.1 200"))
        // A keep-alive connection may wait between requests for the idle timeout, not the header's.
        let idle = try await host.client.trickle(
            ["GET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"],
            interval: 1, readTimeout: 5)
        #expect(idle.received.components(separatedBy: "HTTP/1.1 200").count - 1 == 2)
        await host.stop()
    }

    /// A client that stops taking an answer is closed once the write timeout passes without
    /// progress; one that reads a large file slowly gets all of it.
    @Test func aClientThatStopsReadingIsCutOff() async throws {
        var files = Self.site
        files["static/large.bin"] = String(repeating: "0123456789abcdef", count: 512 * 1024)
        files["static/medium.bin"] = String(repeating: "0123456789abcdef", count: 48 * 1024)
        let host = try await RunningHost(files: files) { $0.writeTimeout = .milliseconds(500) }
        let request = "GET /large.bin HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        let stalled = try await host.client.slowRead(request, stall: 2.5, pause: 0, readTimeout: 5)
        #expect(stalled.closedByServer)
        #expect(stalled.bytes < 8 << 20, "cut off before the whole file was sent")
        let medium = "GET /medium.bin HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        let slow = try await host.client.slowRead(medium, stall: 0, pause: 0.02, readTimeout: 5)
        #expect(slow.bytes > 768 * 1024, "a slow reader gets the whole file")
        await host.stop()
    }

    /// HTTP/1.0 clients get their answer and a closed connection; keep-alive clients get
    /// several answers on one connection.
    @Test func http10AndKeepAlive() async throws {
        let host = try await RunningHost(files: Self.site)
        let old = try await host.client.exchange("GET / HTTP/1.0\r\n\r\n", readTimeout: 10)
        #expect(old.closedByServer)
        #expect(old.received.hasPrefix("HTTP/1.1 200"))
        let kept = try await host.client.exchange(
            "GET /feed.xml HTTP/1.1\r\nHost: a\r\n\r\nGET /rss.xml HTTP/1.1\r\nHost: a\r\n\r\n", readTimeout: 2)
        #expect(kept.received.components(separatedBy: "HTTP/1.1 200").count == 3, "two answers on one connection")
        await host.stop()
    }
}
