import ArgumentParser
import Foundation
import GazetteCore
import SiteBuilder
import Syndication

/// `build-site validate`: checks feeds, sitemaps and pages that any tool wrote.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate Atom, RSS and JSON feeds, sitemaps and HTML pages, offline.",
        discussion: """
            Checks files, or every .xml, .atom, .rss, .json and .html file under folders, with the \
            same validators the build uses: RFC 4287 (through its RELAX NG schema and the rules a \
            schema cannot express), RSS 2.0, JSON Feed 1.1, the sitemaps.org schema and libxml2's \
            HTML parser, plus the checks a careful feed validator warns about. Nothing is fetched.

            Each problem is one line: file:line:column: error|warning: [rule] message; the \
            rules are listed in the README. Feeds may use any encoding XML allows.
            Exit status: 0 valid (warnings allowed), 1 a document is invalid or is no feed, \
            sitemap or page, 2 a path that cannot be read.

            Examples:
              build-site validate public/
              build-site validate feed.xml --url https://example.org/feed.xml
              build-site validate rss.xml feed.json --format json
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to validate.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("Where the feed is served; its self link must match.", valueName: "url"))
    var url: String?

    @Option(help: "How problems are printed: text or json.")
    var format: DiagnosticFormat = .text

    @Option(
        name: .customLong("max-bytes"),
        help: ArgumentHelp("Warn about feeds larger than this many bytes.", valueName: "n"))
    var maximumBytes: Int = 512 * 1024

    @Option(
        name: .customLong("max-file-bytes"),
        help: ArgumentHelp("Refuse to read documents larger than this many bytes (default: 50 MB).", valueName: "n"))
    var maximumFileSize: Int = DocumentValidator.defaultMaximumFileSize

    func run() throws {
        let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let validator = DocumentValidator(
            options: FeedValidationOptions(expectedSelfURL: url, now: now, byteBudget: maximumBytes),
            maximumFileSize: maximumFileSize)
        var reports: [DocumentValidator.Report] = []
        do {
            for (path, explicit) in try DocumentValidator.files(in: paths) {
                if let report = try validator.validate(file: path, explicit: explicit) { reports.append(report) }
            }
        } catch {
            Terminal.error("\(error.path): error: \(error.reason)")
            throw ExitCode(2)
        }
        let diagnostics = reports.flatMap(\.issues)
        if format == .json || !diagnostics.isEmpty { print(format.render(diagnostics)) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        Terminal.error(
            "\(reports.count) file\(reports.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        )
        if errors > 0 { throw ExitCode.failure }
    }
}
