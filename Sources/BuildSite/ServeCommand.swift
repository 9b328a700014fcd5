import ArgumentParser
import Foundation
import SiteBuilder
import SiteServer

/// `build-site serve`: the writer's loop.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the site locally, rebuilding and reloading pages as you write.",
        discussion: """
            Builds the site in memory (drafts and future articles included unless --no-drafts) and \
            serves it at http://127.0.0.1:8080/. Every change to content/, templates/, static/ or \
            site.yml rebuilds the site, and open pages reload themselves; an edited article's page \
            is shown at once, before the rest of the site is rebuilt. A build error keeps the \
            last good version online and shows the error over the page until it is fixed. \
            Nothing is written to public/. Stop with Ctrl-C.

            Examples:
              build-site serve
              build-site serve --source ~/sites/news --port 4000
            """
    )

    @Option(name: .long, help: ArgumentHelp("The site folder.", valueName: "dir"))
    var source: String = "."

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8080

    @Flag(name: .customLong("no-drafts"), help: "Leave drafts out, as a normal build does.")
    var noDrafts = false

    @Flag(name: .customLong("no-future"), help: "Leave articles dated in the future out, as a normal build does.")
    var noFuture = false

    @Flag(name: .long, help: "Show every rebuild's stages with the time each started.")
    var verbose = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
    }

    func run() async throws {
        let siteFolder = URL(fileURLWithPath: source, isDirectory: true)
        guard FileManager.default.fileExists(atPath: siteFolder.path) else {
            Terminal.error("\(source): error: no such folder")
            throw ExitCode.failure
        }
        let options = BuildOptions(siteFolder: siteFolder, includeDrafts: !noDrafts, includeFuture: !noFuture)
        let server = DevServer(DevServer.Configuration(host: host, port: port, options: options, logsStages: verbose)) {
            Terminal.error($0)
        }
        let host = self.host
        do {
            try await server.run { port in
                Terminal.error(
                    "Serving \(siteFolder.standardizedFileURL.path) at http://\(host):\(port)/ — press Ctrl-C to stop")
            }
        } catch let error as ServeError {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
        Terminal.error("Stopped.")
    }
}
