import Foundation
import GazetteCore
import Syndication
import Testing

/// Every feed in `Corpus/` against the diagnostics `build-site validate` must print for it,
/// listed in `NAME.expected` (empty for a valid feed). Regenerate with `GAZETTE_UPDATE_CORPUS=1 swift test` and review
/// the diff: the expected files are the specification of the validators.
@Suite
struct FeedCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Corpus")
    /// A fixed "now", so future-date checks do not depend on the day the tests run.
    static let options = FeedValidationOptions(now: Timestamp(year: 2026, month: 1, day: 1), byteBudget: 512 * 1024)

    static let feeds: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted()
    }()

    @Test func corpusIsLargeAndCoversEveryFormat() {
        #expect(Self.feeds.count >= 40)
        for prefix in ["atom-", "rss-", "json-"] {
            #expect(Self.feeds.filter { $0.hasPrefix(prefix) && $0.contains("valid") }.count >= 2)
        }
    }

    @Test(arguments: feeds)
    func feedProducesExactlyItsExpectedDiagnostics(name: String) throws {
        // Through the same path as `build-site validate`: bytes as stored, kind found by content.
        let report = try #require(
            try DocumentValidator(options: Self.options).validate(
                file: Self.corpus.appending(path: name).path, explicit: true))
        let actual = report.issues.map { $0.in(name).description }
        let expectedURL = Self.corpus.appending(path: name + ".expected")
        if ProcessInfo.processInfo.environment["GAZETTE_UPDATE_CORPUS"] == "1" {
            try Data(actual.map { $0 + "\n" }.joined().utf8).write(to: expectedURL)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(actual == expected)
        if name.contains("-valid-") { #expect(actual.isEmpty, "a valid corpus feed must produce no diagnostic") }
        let errors = report.issues.filter { $0.severity == .error }
        if name.contains("-warn-") { #expect(!actual.isEmpty && errors.isEmpty, "a -warn- feed has warnings only") }
        if !name.contains("-valid-") && !name.contains("-warn-") {
            #expect(!errors.isEmpty, "every other corpus document is invalid: at least one error")
        }
    }
}
