import ArgumentParser

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
            BuildCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self, ValidateCommand.self,
            ImportCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )
}
