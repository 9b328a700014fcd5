import ArgumentParser
import Foundation
import SiteServer

/// `build-site host`: serves a published site in production.
struct HostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host",
        abstract: "Serve a built site (public/) in production, from disk.",
        discussion: """
            Serves the folder a build published, never building: conditional and range requests, \
            the precompressed .gz files a build writes with host.compress: true, cache and security \
            headers, the site's 404.html, and nothing outside the folder. A new build is picked up \
            at once: each request is answered wholly from the old site or wholly from the new one. \
            One access log line per request goes to standard output (Common Log Format). SIGTERM \
            or Ctrl-C stops it after the requests in flight.

            Examples:
              build-site host
              build-site host --output /srv/www/public --port 80
            """
    )

    @Option(name: .long, help: ArgumentHelp("The published folder to serve.", valueName: "dir"))
    var output: String = "public"

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "0.0.0.0"

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("How many connections may be open at once.", valueName: "n"))
    var maxConnections: Int = 4096

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be at least 1.") }
    }

    func run() async throws {
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            Terminal.error("\(output): error: no such folder; build the site first with build-site")
            throw ExitCode.failure
        }
        let server = StaticHost(
            StaticHost.Configuration(folder: folder, host: host, port: port, maximumConnections: maxConnections)
        ) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        let host = self.host
        do {
            try await server.run { port in
                Terminal.error("Hosting \(folder.standardizedFileURL.path) at http://\(host):\(port)/")
            }
        } catch let error as ServeError {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}
