import ArgumentParser
import Foundation
import SiteBuilder

/// `build-site init`: a new site.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new site in a folder.",
        discussion: """
            Writes a commented site.yml and a first article. The built-in theme is used until you \
            copy it with --with-templates and edit it.

            Examples:
              build-site init my-site
              build-site init my-site --with-templates
            """
    )

    @Argument(help: ArgumentHelp("The folder for the new site.", valueName: "dir"))
    var folder: String

    @Flag(name: .customLong("with-templates"), help: "Copy the default theme into templates/ to edit it.")
    var withTemplates = false

    @Flag(help: "Write into a folder that is not empty (files already there are kept).")
    var force = false

    func run() throws {
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        do {
            let written = try Scaffold.initialize(
                url, withTemplates: withTemplates, force: force, now: Scaffold.localNow())
            for path in written { print(folder + "/" + path) }
            Terminal.error("Created a site in \(folder). Next: cd \(folder) && build-site serve")
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// `build-site new`: a new draft article.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new draft article and print its path.",
        discussion: """
            Examples:
              build-site new "Why feeds matter"
              build-site new "Morning brief" --section news --format txt
            """
    )

    @Argument(help: "The article's title.")
    var title: String

    @Option(help: "The section (folder of content/) to put it in.")
    var section: String = "posts"

    /// The file formats a new article can have.
    enum ArticleFormat: String, ExpressibleByArgument, CaseIterable {
        case md, txt
    }

    @Option(help: "md for Markdown, txt for plain text.")
    var format: ArticleFormat = .md

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "dir"))
    var source: String = "."

    func run() throws {
        do {
            print(
                try Scaffold.newArticle(
                    title: title, in: URL(fileURLWithPath: source, isDirectory: true), section: section,
                    format: format.rawValue,
                    now: Scaffold.localNow()))
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}
