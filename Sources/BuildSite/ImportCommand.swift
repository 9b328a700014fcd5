import ArgumentParser
import Foundation
import SiteContent

/// `build-site import`: bring a Hugo, Zola or Jekyll site over.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a site.yml for a Hugo, Zola or Jekyll site, so build-site builds it as it is.",
        discussion: """
            Reads hugo.toml or config.toml (Hugo), zola.toml or config.toml (Zola), or _config.yml \
            (Jekyll) and writes the equivalent site.yml next to it: title, base URL, language, time \
            zone, permalinks and pagination. For Jekyll it also copies _posts/ to content/posts/ and \
            asset folders to static/. It prints what it could not carry over. It changes no file \
            that is already there.

            Example:
              build-site import ~/blog && build-site --source ~/blog
            """
    )

    @Argument(help: ArgumentHelp("The site to import.", valueName: "dir"))
    var folder: String

    func run() throws {
        let site = URL(fileURLWithPath: folder, isDirectory: true)
        let plan: ImportPlan
        do {
            plan = try SiteImporter.plan(site)
        } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            throw ExitCode.failure
        }
        let manager = FileManager.default
        let siteFile = site.appending(path: "site.yml")
        let targets = [siteFile] + plan.copies.map { site.appending(path: $0.to) }
        if let existing = targets.first(where: { manager.fileExists(atPath: $0.path) }) {
            Terminal.error("error: \(existing.path) already exists; import changes no file that is already there")
            throw ExitCode.failure
        }
        do {
            try Data(plan.siteYAML.utf8).write(to: siteFile, options: .withoutOverwriting)
            print(siteFile.path)
            for copy in plan.copies {
                let target = site.appending(path: copy.to)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try manager.copyItem(at: site.appending(path: copy.from), to: target)
                print(target.path)
            }
        } catch {
            Terminal.error("error: cannot write the imported site: \(error.localizedDescription)")
            throw ExitCode.failure
        }
        Terminal.error("Read \(plan.configFile) (\(plan.generator.rawValue)).")
        for note in plan.notes { Terminal.error("not carried over: \(note)") }
        Terminal.error("Next: build-site --source \(folder)")
    }
}
