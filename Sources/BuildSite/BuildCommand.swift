import ArgumentParser
import Foundation
import GazetteCore
import SiteBuilder

/// Builds a site once.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site (the default when no subcommand is given).",
        discussion: """
            Exit status: 0 when the site was built, 1 when the build failed (nothing was \
            published), 64 for a wrong command line.

            Examples:
              build-site
              build-site --source ~/sites/news --output ~/sites/news/public --quiet
            """
    )

    @Option(
        name: .long, help: ArgumentHelp("The site folder, holding site.yml, content/ and templates/.", valueName: "dir")
    )
    var source: String = "."

    @Option(
        name: .long,
        help: ArgumentHelp("Where to write the site (default: public/ in the site folder).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Publish drafts too.")
    var drafts = false

    @Flag(name: .long, help: "Publish articles dated in the future too.")
    var future = false

    @Flag(name: .long, help: "Skip validating pages, feeds and the sitemap.")
    var noValidate = false

    @Flag(
        name: .long,
        help: "Build from nothing: neither read nor save the build cache (kept in $XDG_CACHE_HOME/gazette/).")
    var noCache = false

    @Flag(name: [.short, .long], help: "Print only warnings and errors.")
    var quiet = false

    @Flag(name: .long, help: "Print each stage on its own line with the time it started.")
    var verbose = false

    @Option(help: "How warnings and errors are printed: text (to standard error) or json (to standard output).")
    var format: DiagnosticFormat = .text

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together.") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let siteFolder = URL(fileURLWithPath: source, isDirectory: true)
        guard FileManager.default.fileExists(atPath: siteFolder.path) else {
            Terminal.error("\(source): error: no such folder")
            throw ExitCode.failure
        }
        var options = BuildOptions(
            siteFolder: siteFolder,
            outputFolder: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            includeDrafts: drafts,
            validate: !noValidate,
            includeFuture: future
        )
        options.endsTheProcess = true
        if !noCache {
            options.cacheFolder = BuildOptions.defaultCacheFolder(
                siteFolder: options.siteFolder, outputFolder: options.outputFolder,
                environment: ProcessInfo.processInfo.environment)
        }
        let reporter = ProgressReporter(
            quiet ? .quiet : verbose ? .verbose : .normal, stages: SiteBuild.stageCount(options))
        do {
            let summary = try await SiteBuild.run(options) { reporter.report($0) }
            reporter.finish()
            report(summary.warnings)
            if !quiet {
                let elapsed = (ContinuousClock.now - started).components
                let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
                let line = Summary.line(summary, seconds: seconds, output: options.outputFolder.lastPathComponent)
                // Standard output holds only the JSON when JSON is asked for.
                if format == .json { Terminal.error(line) } else { print(line) }
            }
        } catch {
            reporter.finish()
            report(error.diagnostics)
            Terminal.error(FailureSummary.line(error.diagnostics, output: options.outputFolder.lastPathComponent))
            throw ExitCode.failure
        }
    }

    /// Prints the build's diagnostics in the chosen format.
    private func report(_ diagnostics: [Diagnostic]) {
        switch format {
        case .text: if !diagnostics.isEmpty { Terminal.error(format.render(diagnostics)) }
        case .json: print(format.render(diagnostics))
        }
    }
}

/// The one line a successful build ends with.
enum Summary {
    static func line(_ summary: BuildSummary, seconds: Double, output: String) -> String {
        func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
        let time = String(format: "%.2f", seconds)
        return
            "Built \(count(summary.articles, "article")), \(count(summary.pages, "page")), \(count(summary.feeds, "feed")) "
            + "(\(count(summary.files, "file"))) with \(count(summary.warnings.count, "warning")) in \(time) s → \(output)/"
            + leftOut(summary.leftOut)
    }

    /// `; left out 2 drafts (--drafts), 1 scheduled article (--future)`, or nothing.
    private static func leftOut(_ leftOut: BuildSummary.LeftOut) -> String {
        func count(_ value: Int, _ noun: String, _ plural: String) -> String {
            "\(value) \(value == 1 ? noun : plural)"
        }
        let parts = [
            leftOut.drafts > 0 ? count(leftOut.drafts, "draft", "drafts") + " (--drafts)" : nil,
            leftOut.scheduled > 0
                ? count(leftOut.scheduled, "scheduled article", "scheduled articles") + " (--future)" : nil,
            leftOut.expired > 0 ? count(leftOut.expired, "expired article", "expired articles") : nil,
        ].compactMap { $0 }
        return parts.isEmpty ? "" : "; left out " + parts.joined(separator: ", ")
    }
}
