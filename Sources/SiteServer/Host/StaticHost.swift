public import Foundation
import HummingbirdCore
import Logging
public import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Serves a published output folder in production: from disk, never building, with the HTTP a
/// public server needs (conditional and range requests, precompressed files, cache and security
/// headers), limits on what clients may hold, an access log, and a graceful stop on SIGTERM and
/// SIGINT.
///
/// A new build replaces the folder at once (`build-site` swaps it in with one rename); each
/// request looks the folder up when it comes, so it is answered wholly from the old tree or
/// wholly from the new one. Files are kept open (small ones in memory) for the requests that
/// follow, until a build swaps a new folder in (`OpenFileCache`).
public final class StaticHost: Sendable {
    /// Where to listen and what to serve.
    public struct Configuration: Sendable {
        /// The published folder (`public/`).
        public var folder: URL
        /// The address to listen on.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// How long a connection may stay open without a request.
        public var idleTimeout: TimeAmount
        /// How long a request's head may take to come once its first byte has.
        public var headerTimeout: TimeAmount
        /// How long an answer may wait without the client taking any of it.
        public var writeTimeout: TimeAmount
        /// How many connections may be open at once.
        public var maximumConnections: Int

        /// Creates a configuration; the defaults suit a small public server.
        public init(
            folder: URL, host: String = "0.0.0.0", port: Int = 8080, idleTimeout: TimeAmount = .seconds(30),
            headerTimeout: TimeAmount = .seconds(15), writeTimeout: TimeAmount = .seconds(30),
            maximumConnections: Int = 4096
        ) {
            self.folder = folder
            self.host = host
            self.port = port
            self.idleTimeout = idleTimeout
            self.headerTimeout = headerTimeout
            self.writeTimeout = writeTimeout
            self.maximumConnections = maximumConnections
        }
    }

    /// Where and what the host serves.
    public let configuration: Configuration
    private let accessLog: AccessLog
    /// Files of the current build, kept open between requests.
    let openFiles = OpenFileCache()

    /// Creates a host; nothing happens until `run`.
    /// - Parameters:
    ///   - configuration: Where to listen and what to serve.
    ///   - accessLog: Receives the access log, one line per request in the Common Log Format,
    ///     in batches of lines (at least every half second while requests come).
    public init(_ configuration: Configuration, accessLog: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.accessLog = AccessLog(write: accessLog)
    }

    /// Serves until the task is cancelled or the process gets SIGINT or SIGTERM; requests in
    /// flight are finished first.
    /// - Parameter onListening: Called with the port once the host accepts connections.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var logger = Logger(label: "gazette.host")
        logger.logLevel = .error
        let server = Server(
            childChannelSetup: HostChannel(host: self),
            configuration: ServerConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "Gazette"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger)
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer { accessLog.flush() }
        do {
            try await services.run()
        } catch {
            throw ServeError.explaining(error, host: configuration.host, port: configuration.port)
        }
    }

    /// Writes the access log line of one request: `host - - [date] "GET /path HTTP/1.1" 200 1234`.
    func log(method: String, target: String, status: Int, length: String?, remote: SocketAddress?) {
        let client = remote?.ipAddress ?? "-"
        let shown = target.utf8.contains(UInt8(ascii: "\"")) ? target.replacing("\"", with: "%22") : target
        accessLog.append(
            "\(client) - - [\(AccessLog.date())] \"\(method) \(shown) HTTP/1.1\" \(status) \(method == "HEAD" ? "-" : length ?? "-")"
        )
    }
}

/// The access log: lines gathered and handed on in batches, so a busy host makes one write
/// per batch rather than one per request.
final class AccessLog: Sendable {
    private let write: @Sendable (String) -> Void
    private let pending = Mutex<(lines: [String], since: ContinuousClock.Instant)>(([], .now))

    init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Adds a line; the batch goes out when it is large or half a second old.
    func append(_ line: String) {
        let batch = pending.withLock { pending -> [String]? in
            pending.lines.append(line)
            guard pending.lines.count >= 256 || ContinuousClock.now - pending.since > .milliseconds(500) else {
                return nil
            }
            defer { pending = ([], .now) }
            return pending.lines
        }
        if let batch { write(batch.joined(separator: "\n")) }
    }

    /// Hands on the lines still gathered.
    func flush() {
        let batch = pending.withLock { pending in
            defer { pending = ([], .now) }
            return pending.lines
        }
        if !batch.isEmpty { write(batch.joined(separator: "\n")) }
    }

    /// The time of the last line, which the next lines of the same second reuse.
    private static let lastDate = Mutex<(second: Int, text: String)>((0, ""))

    /// `10/Oct/2000:13:55:36 +0000`, the Common Log Format's time, now.
    static func date() -> String {
        let second = time(nil)
        if let text = lastDate.withLock({ $0.second == second ? $0.text : nil }) { return text }
        let text = format(second)
        lastDate.withLock { $0 = (second, text) }
        return text
    }

    private static func format(_ second: time_t) -> String {
        var now = second
        var parts = tm()
        gmtime_r(&now, &parts)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(two(parts.tm_mday))/\(months[Int(parts.tm_mon)])/\(parts.tm_year + 1900):\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }
}
