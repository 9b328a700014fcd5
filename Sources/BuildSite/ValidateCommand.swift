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

            Each problem is one line: file:line:column: error|warning: [rule] message.
            Exit status: 0 valid (warnings allowed), 1 errors found, 2 unreadable input or usage.

            Examples:
              build-site validate public/
              build-site validate feed.xml --url https://example.org/feed.xml
              build-site validate rss.xml feed.json --format json
            """
    )

    /// How diagnostics are printed.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("Files or folders to validate.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("Where the feed is served; its self link must match.", valueName: "url"))
    var url: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

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
        switch format {
        case .text: printText(reports)
        case .json: try printJSON(reports)
        }
        if reports.contains(where: { $0.issues.contains { $0.severity == .error } }) { throw ExitCode.failure }
    }

    private func printText(_ reports: [DocumentValidator.Report]) {
        for report in reports {
            for issue in report.issues {
                print(
                    "\(report.path):\(issue.line):\(max(issue.column, 1)): \(issue.severity.rawValue): [\(issue.rule)] \(issue.message)"
                )
            }
        }
        let errors = reports.flatMap(\.issues).filter { $0.severity == .error }.count
        let warnings = reports.flatMap(\.issues).count - errors
        Terminal.error(
            "\(reports.count) file\(reports.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        )
    }

    private func printJSON(_ reports: [DocumentValidator.Report]) throws {
        let entries: [[String: Any]] = reports.flatMap { report in
            report.issues.map { issue in
                [
                    "file": report.path, "line": issue.line, "column": max(issue.column, 1),
                    "severity": issue.severity.rawValue,
                    "rule": issue.rule, "message": issue.message,
                ]
            }
        }
        let data = try JSONSerialization.data(
            withJSONObject: entries, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }
}
