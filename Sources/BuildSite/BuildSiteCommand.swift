import ArgumentParser
import Foundation

/// `build-site`: the Gazette command line. Building is the default subcommand.
@main
struct BuildSiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Build a static site and its feeds from a folder of articles.",
        discussion: """
            Reads content/ (Markdown with YAML front matter, or plain text), renders pages with \
            templates/ (or the built-in theme), validates every page, feed and the sitemap with \
            libxml2, and replaces the output folder only when all of it is valid.

            Examples:
              build-site                         Build the site in this folder into public/
              build-site --source blog --output /srv/www
              build-site --drafts --no-validate  A quick preview build with drafts
            """,
        version: "0.1.0",
        subcommands: [
            BuildCommand.self, ServeCommand.self, HostCommand.self, NewCommand.self, InitCommand.self,
            ValidateCommand.self, ImportCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )

    /// Runs the command line. A first word that is no subcommand would otherwise reach the
    /// default `build` as a stray argument; it is said to be unknown, with the nearest
    /// subcommand's name (`server` → `serve`), and exits 64 like every usage error.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            let nearest = names.min { editDistance($0, first) < editDistance($1, first) }
            let suggestion =
                nearest.map { editDistance($0, first) <= max(2, first.count / 3) ? "; did you mean '\($0)'?" : "" }
                ?? ""
            Terminal.error(
                "error: '\(first)' is not a build-site command\(suggestion) (commands: \(names.joined(separator: ", ")))"
            )
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        await main(arguments)
    }

    /// The number of single-character edits between two words.
    static func editDistance(_ first: String, _ second: String) -> Int {
        let (a, b) = (Array(first), Array(second))
        var previous = Array(0...b.count)
        for (i, character) in a.enumerated() {
            var current = [i + 1]
            for (j, other) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (character == other ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
