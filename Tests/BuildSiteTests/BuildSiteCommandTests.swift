import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `build-site` binary as a user would and checks exit codes and output.
@Suite(.serialized)
struct BuildSiteCommandTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `build-site` built beside the test bundle.
    static var binary: URL {
        get throws {
            var folder = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = folder.appending(path: "build-site")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
            let fallback = packageRoot.appending(path: ".build/debug/build-site")
            try #require(FileManager.default.isExecutableFile(atPath: fallback.path), "build-site has not been built")
            return fallback
        }
    }

    /// Where the builds these tests run keep their build caches, away from the user's own;
    /// removed when the test process ends.
    static let cacheHome: URL = {
        atexit { try? FileManager.default.removeItem(at: BuildSiteCommandTests.cacheFolder(of: getpid())) }
        return cacheFolder(of: getpid())
    }()

    private static func cacheFolder(of process: Int32) -> URL {
        FileManager.default.temporaryDirectory.appending(path: "gazette-test-cache-\(process)")
    }

    private func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = try Self.binary
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = ProcessInfo.processInfo.environment
            .merging(["XDG_CACHE_HOME": Self.cacheHome.path]) { $1 }
            .merging(environment) { $1 }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    private let goodSite = [
        "site.yml": "title: CLI test\nbase_url: https://cli.example.org/\n",
        "content/2024-01-01-first.md": "---\ntitle: First\n---\nHello.",
        "content/2024-01-02-second.txt": "Second note\n\nA plain paragraph.",
    ]

    @Test func versionAndHelp() throws {
        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        let help = try run(["build", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
        #expect(help.stdout.contains("--no-validate"))
    }

    @Test func buildPrintsProgressToStderrAndASummaryToStdout() throws {
        let temporary = try TemporarySite(goodSite)
        let site = temporary.folder
        let result = try run(["--source", site.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Built 2 articles, 7 pages, 3 feeds (16 files) with 0 warnings in "))
        #expect(result.stderr.contains("[1/8] Loading the build cache\n[2/8] Reading configuration\n"))
        #expect(result.stderr.contains("[7/8] Publishing to public/\n[8/8] Saving the build cache\n"))
        let uncached = try run(["--no-cache", "--source", site.path])
        #expect(uncached.stderr.contains("[1/6] Reading configuration\n"))
        #expect(uncached.stderr.contains("[6/6] Publishing to public/\n"))
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "public/first/index.html").path))
    }

    @Test func theSummarySaysWhatWasLeftOut() throws {
        let temporary = try TemporarySite(
            goodSite.merging(["content/2024-01-03-draft.md": "---\ntitle: Draft\ndraft: true\n---\nSoon.\n"]) { $1 })
        let result = try run(["--no-cache"], in: temporary.folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains(" → public/; left out 1 draft (--drafts)\n"))
    }

    @Test func quietPrintsNothing() throws {
        let temporary = try TemporarySite(goodSite)
        let site = temporary.folder
        let result = try run(["--quiet", "--source", site.path, "--output", site.appending(path: "out").path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "out/feed.xml").path))
    }

    @Test func failedBuildExitsOneWithFileAndLineOnStderr() throws {
        let temporary = try TemporarySite(
            goodSite.merging(["content/2024-01-03-bad.md": "---\ntitle: Bad\ndate: someday\n---\n"]) { $1 })
        let site = temporary.folder
        let result = try run(["-q"], in: site)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("content/2024-01-03-bad.md:3: error: 'date' is not a date: 'someday'"))
        #expect(result.stderr.contains("build failed with 1 error; public/ was left as it was"))
        #expect(!FileManager.default.fileExists(atPath: site.appending(path: "public").path))
    }

    @Test func aFailedBuildCountsErrorsByKindAndNamesTheSetting() throws {
        let temporary = try TemporarySite(
            goodSite.merging(["content/2024-01-03-links.md": "[a](/gone/) and [b](/also-gone/)\n"]) { $1 })
        let result = try run(["-q"], in: temporary.folder)
        #expect(result.status == 1)
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(
            last == "build failed with 2 errors, 2 broken links (validation.links: warning in site.yml would let them "
                + "through); public/ was left as it was")
    }

    /// `--format json` prints the diagnostics as one JSON array on standard output, the same
    /// shape as `validate --format json`, and keeps the summary line on standard error.
    @Test func buildDiagnosticsAsJSON() throws {
        let temporary = try TemporarySite(
            goodSite.merging([
                "site.yml": "title: CLI test\nbase_url: https://cli.example.org/\nvalidation:\n  links: warning\n",
                "content/2024-01-03-links.md": "[a](/gone/)\n",
            ]) { $1 })
        let result = try run(["--format", "json", "--no-cache"], in: temporary.folder)
        #expect(result.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry["severity"] as? String == "warning")
        #expect(entry["rule"] as? String == "links")
        // The broken link is reported where it was written.
        #expect(entry["file"] as? String == "content/2024-01-03-links.md")
        #expect(entry["line"] as? Int == 1)
        #expect(result.stderr.contains("Built 3 articles"))
        let broken = try TemporarySite(
            goodSite.merging(["content/2024-01-03-bad.md": "---\ndate: someday\n---\n"]) { $1 })
        let failed = try run(["--format", "json", "--no-cache"], in: broken.folder)
        #expect(failed.status == 1)
        let errors = try #require(try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [[String: Any]])
        #expect(errors.map { $0["file"] as? String } == ["content/2024-01-03-bad.md"])
        #expect(errors.first?["line"] as? Int == 2)
    }

    /// A page warning is a warning in both commands: the build publishes and says it on the
    /// article's line; `validate` of the published page exits 0 and says it on the page's.
    @Test func aPageWarningIsAWarningInBuildAndValidate() throws {
        let temporary = try TemporarySite(
            goodSite.merging(["content/2024-01-03-label.md": "Text\n\n<span aria-label=\"x\">s</span>\n"]) { $1 })
        let build = try run(["--no-cache"], in: temporary.folder)
        #expect(build.status == 0)
        #expect(build.stderr.contains("content/2024-01-03-label.md:3: warning: [html-aria] aria-label on <span>"))
        #expect(build.stdout.contains("with 1 warning in"))
        let page = temporary.folder.appending(path: "public/label/index.html").path
        let validate = try run(["validate", page])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains(": warning: [html-aria] aria-label on <span>"))
        #expect(validate.stderr == "1 file checked: 0 errors, 1 warning\n")
    }

    /// What a newcomer types by mistake is met with what they meant: the nearest command,
    /// usage errors exit 64, and a folder that is no site says how to start one.
    @Test func mistakesGetSuggestions() throws {
        let server = try run(["server"])
        #expect(server.status == 64)
        #expect(server.stderr.contains("error: 'server' is not a build-site command; did you mean 'serve'?"))
        let format = try run(["new", "A title", "--format", "pdf"])
        #expect(format.status == 64)
        let empty = try TemporarySite(["site.yml": "title: Nothing yet\n"])
        let build = try run(["-q"], in: empty.folder)
        #expect(build.status == 1)
        #expect(build.stderr.contains("there is no content/ folder"))
        #expect(build.stderr.contains("run 'build-site init .'"))
        #expect(try run(["help"]).status == 0)
    }

    @Test func usageErrorsExitSixtyFour() throws {
        let result = try run(["--no-such-option"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option"))
    }

    @Test func importWritesSiteYAMLOnceAndSaysWhatItLeftOut() throws {
        let temporary = try TemporarySite([
            "_config.yml": "title: Old blog\nurl: https://old.example.org\npermalink: pretty\nplugins: [jekyll-feed]\n",
            "_posts/2020-01-02-first.md": "---\ntitle: First\n---\nHello.\n",
        ])
        let site = temporary.folder
        let first = try run(["import", site.path])
        #expect(first.status == 0)
        #expect(
            first.stderr.contains("Read _config.yml (Jekyll)") && first.stderr.contains("not carried over: 'plugins'"))
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "content/posts/2020-01-02-first.md").path))
        #expect(try run(["--quiet", "--source", site.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "public/2020/01/02/first/index.html").path))
        let second = try run(["import", site.path])
        #expect(second.status == 1 && second.stderr.contains("already exists"))
    }

    @Test func theBuildCacheIsKeptUnderXDGCacheHomeUnlessNoCacheIsGiven() throws {
        let temporary = try TemporarySite(goodSite)
        let site = temporary.folder.path
        let cacheHome = temporary.folder.appending(path: "cache-home")
        let environment = ["XDG_CACHE_HOME": cacheHome.path]
        #expect(try run(["--no-cache", "--source", site], environment: environment).status == 0)
        #expect(!FileManager.default.fileExists(atPath: cacheHome.path))
        let first = try run(["--source", site], environment: environment)
        #expect(first.status == 0)
        let caches = try FileManager.default.contentsOfDirectory(atPath: cacheHome.appending(path: "gazette").path)
        #expect(caches.count == 1)
        let again = try run(["--verbose", "--source", site], environment: environment)
        #expect(again.status == 0)
        #expect(again.stderr.contains("Nothing changed since the last build"))
        // The same summary line, but for the time taken.
        let untimed = { (line: String) in
            line.replacingOccurrences(of: #"in [0-9.]+ s"#, with: "", options: .regularExpression)
        }
        #expect(untimed(again.stdout) == untimed(first.stdout))
        #expect(first.stdout.hasPrefix("Built 2 articles"))
    }

    @Test func outputIsTheSameInEveryTimeZoneAndLocale() throws {
        let temporary = try TemporarySite(
            goodSite.merging(["content/2024-01-04-zoned.md": "---\ndate: 2024-01-04T23:30:00-08:00\n---\nLate."]) { $1 }
        )
        let site = temporary.folder
        #expect(
            try run(
                ["-q", "--source", site.path, "--output", site.appending(path: "a").path],
                environment: ["TZ": "UTC", "LANG": "C"]
            ).status == 0)
        #expect(
            try run(
                ["-q", "--source", site.path, "--output", site.appending(path: "b").path],
                environment: ["TZ": "Asia/Kathmandu", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"]
            ).status == 0)
        let first = try TemporarySite.files(under: site.appending(path: "a"))
        #expect(!first.isEmpty)
        #expect(first == (try TemporarySite.files(under: site.appending(path: "b"))))
        #expect(
            String(decoding: first["feed.xml"]!, as: UTF8.self).contains(
                "<published>2024-01-04T23:30:00-08:00</published>"))
    }
}

/// `build-site validate` on files other tools wrote.
@Suite(.serialized)
struct ValidateCommandTests {
    static let corpus = BuildSiteCommandTests.packageRoot.appending(path: "Tests/SyndicationTests/Corpus")

    private func run(_ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = try BuildSiteCommandTests.binary
        process.arguments = ["validate"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func validFeedsExitZero() throws {
        let (status, stdout, stderr) = try run([
            Self.corpus.appending(path: "rss-valid-minimal.xml").path,
            Self.corpus.appending(path: "json-valid-full.json").path,
        ])
        #expect(status == 0)
        #expect(stdout.isEmpty)
        #expect(stderr == "2 files checked: 0 errors, 0 warnings\n")
    }

    @Test func errorsExitOneWithFileLineColumnAndRule() throws {
        let file = Self.corpus.appending(path: "rss-bad-pubdate.xml").path
        let (status, stdout, _) = try run([file])
        #expect(status == 1)
        #expect(
            stdout.hasPrefix("\(file):12: error: [rss-date] <pubDate> '2024-03-01T09:30:00Z' is not an RFC 822 date"))
    }

    @Test func jsonOutputIsMachineReadable() throws {
        let (status, stdout, _) = try run(["--format", "json", Self.corpus.appending(path: "json-bad-date.json").path])
        #expect(status == 1)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["rule"] as? String == "jsonfeed-date")
        #expect(entries.first?["line"] as? Int == 10)
    }

    @Test func unreadableInputExitsTwo() throws {
        let (status, _, stderr) = try run(["/nonexistent/feed.xml"])
        #expect(status == 2)
        #expect(stderr.contains("no such file or folder"))
    }

    /// A file that can be read but is no feed, sitemap or page is an invalid document: exit 1,
    /// with a located diagnostic, never the exit status of a path that cannot be read.
    @Test func documentsOfNoKnownKindExitOne() throws {
        let temporary = try TemporarySite([
            "opml.xml": "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"/>\n",
            "broken.xml": "<rss version=\"2.0\">\n<channel>\n</rss>\n",
            "notes.txt": "plain text\n",
        ])
        for (name, expected) in [
            ("opml.xml", "opml.xml:2: error: [document-kind] its root element is <opml>"),
            ("broken.xml", "broken.xml:3:7: error: [xml-well-formed]"),
            ("notes.txt", "notes.txt:1: error: [document-kind] the file is neither XML nor JSON"),
        ] {
            let (status, stdout, _) = try run([temporary.folder.appending(path: name).path])
            #expect(status == 1, "\(name)")
            #expect(stdout.contains(expected), "\(name): \(stdout)")
        }
    }

    /// Every document has a size cap, so validating a huge file cannot take gigabytes; a named
    /// pipe is refused, never opened.
    @Test func largeFilesAreRefusedUnreadAndPipesAreNotOpened() throws {
        let temporary = try TemporarySite([
            "big.xml": "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + String(repeating: "<url><loc>https://example.org/</loc></url>", count: 100) + "</urlset>"
        ])
        let big = temporary.folder.appending(path: "big.xml").path
        let (status, stdout, _) = try run(["--max-file-bytes", "1000", big])
        #expect(status == 1)
        #expect(stdout.contains("[document-size]"))
        #expect(try run([big]).0 == 0)
        let pipe = temporary.folder.appending(path: "pipe.xml").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let (pipeStatus, _, pipeErrors) = try run([pipe])
        #expect(pipeStatus == 2)
        #expect(pipeErrors.contains("not a regular file"))
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        let started = Date()
        let (status, stdout, _) = try run([Self.corpus.appending(path: "atom-billion-laughs.xml").path])
        #expect(status == 1)
        #expect(stdout.contains("[xml-entity]"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func selfLinkIsCheckedAgainstURL() throws {
        let (status, stdout, _) = try run([
            "--url", "https://elsewhere.example/feed.xml", Self.corpus.appending(path: "atom-valid-minimal.xml").path,
        ])
        #expect(status == 0)
        #expect(stdout.contains("warning: [feed-self-link]"))
    }

    /// The shared benchmark corpus of 1,000 posts, as it is (duplicate titles, missing images,
    /// raw HTML), builds with dated permalinks and broken links as warnings, and every feed,
    /// page and sitemap it wrote passes `build-site validate` with no error and no warning.
    @Test func sharedThousandPostCorpusBuildsAndValidatesCleanly() throws {
        let temporary = try TemporarySite([
            "site.yml": "title: Corpus\nbase_url: https://corpus.example.org/\n"
                + "permalinks:\n  posts: /:year/:month/:day/:slug/\nvalidation:\n  links: warning\n"
        ])
        let folder = temporary.folder
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = [
            "python3", BuildSiteCommandTests.packageRoot.appending(path: "../shared/bench/make-corpus").path,
            folder.path, "--posts", "1000",
        ]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0, "../shared/bench/make-corpus did not run")

        let build = Process()
        build.executableURL = try BuildSiteCommandTests.binary
        build.arguments = ["--quiet", "--no-cache", "--source", folder.path]
        build.standardError = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        #expect(build.terminationStatus == 0)

        let (status, stdout, stderr) = try run([folder.appending(path: "public").path])
        #expect(status == 0)
        #expect(stdout.isEmpty)
        #expect(stderr.hasSuffix(": 0 errors, 0 warnings\n"))
    }
}

/// `build-site serve` as a user runs it: it starts, serves, and stops cleanly on Ctrl-C even
/// while a page holds its live-reload stream open.
@Suite(.serialized)
struct ServeCommandTests {
    @Test func ctrlCStopsTheServerCleanly() throws {
        let temporary = try TemporarySite(["content/2024-01-01-hello.txt": "Hello."])
        let folder = temporary.folder

        let process = Process()
        process.executableURL = try BuildSiteCommandTests.binary
        process.arguments = ["serve", "--source", folder.path, "--port", "0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var log = ""
        let deadline = Date().addingTimeInterval(30)
        while !log.contains("press Ctrl-C"), Date() < deadline {
            log += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
        }
        let port = try #require(
            log.firstRange(of: "http://127.0.0.1:").map { Int(log[$0.upperBound...].prefix { $0.isNumber }) ?? 0 })

        // Hold a live-reload stream open, as an open page does.
        let stream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(stream) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(stream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        let request = Array("GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = send(stream, request, request.count, 0)
        Thread.sleep(forTimeInterval: 0.5)

        process.interrupt()
        let stopDeadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < stopDeadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!process.isRunning, "serve must stop on Ctrl-C")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        log += String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("Stopped."))
    }
}
