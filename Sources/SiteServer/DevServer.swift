import Foundation
import Hummingbird
import HummingbirdCore
import Logging
public import NIOCore
import ServiceLifecycle
public import SiteBuilder
import SiteModel
import Synchronization

/// Serves a site while it is being written: builds it in memory, serves the build over HTTP,
/// rebuilds when a source file changes, and tells open pages to reload.
///
/// A failed rebuild keeps the last good build online and shows the error in the terminal and
/// over every open page, until a later change fixes it.
public final class DevServer: Sendable {
    /// Where to listen and what to build.
    public struct Configuration: Sendable {
        /// The address to listen on.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// The build to serve (drafts and future articles are usually included).
        public var options: BuildOptions
        /// What clients may hold.
        public var limits: Limits
        /// Whether every rebuild logs its stages with the time each started.
        public var logsStages: Bool

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1", port: Int = 8080, options: BuildOptions, limits: Limits = Limits(),
            logsStages: Bool = false
        ) {
            self.host = host
            self.port = port
            self.options = options
            self.limits = limits
            self.logsStages = logsStages
        }
    }

    /// What one client may hold of the server.
    public struct Limits: Sendable {
        /// How long a connection may stay open without a request (a client that connects and
        /// sends nothing, or half a request, is closed after it).
        public var idleTimeout: TimeAmount
        /// How many connections may be open at once.
        public var maximumConnections: Int
        /// How often open live-reload streams are sent a comment, so that streams of pages that
        /// have gone are noticed and released.
        public var heartbeat: Duration

        /// Creates limits; the defaults suit a writer's machine.
        public init(
            idleTimeout: TimeAmount = .seconds(30), maximumConnections: Int = 256, heartbeat: Duration = .seconds(15)
        ) {
            self.idleTimeout = idleTimeout
            self.maximumConnections = maximumConnections
            self.heartbeat = heartbeat
        }
    }

    private struct State {
        var site: ServedSite?
        var failure: String?
        /// Content problems of the served build that would stop `build-site`.
        var problems: String?
        var streams: [UUID: AsyncStream<String>.Continuation] = [:]
        /// The warnings the last successful build reported, as the terminal showed them.
        var warnings: Set<String> = []
        /// What shows an edited article's page before the site is built again; from the last
        /// successful build.
        var preview: ArticlePreview?
    }

    /// The configuration the server runs with.
    public let configuration: Configuration
    /// Where the server reports what it does.
    let log: @Sendable (String) -> Void
    private let cache = BuildCache()
    private let state = Mutex(State())

    /// Creates a server; nothing happens until `run`.
    /// - Parameters:
    ///   - configuration: Where to listen and what to build.
    ///   - log: Receives one line per build and per error, for the terminal.
    public init(_ configuration: Configuration, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.log = log
    }

    /// Builds the site, then serves it and watches its sources until the task is cancelled or
    /// the process gets SIGINT or SIGTERM.
    /// - Parameter onListening: Called with the port once the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        await rebuild()
        var logger = Logger(label: "gazette.serve")
        logger.logLevel = .error
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: configuration.limits.idleTimeout,
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100))
        let maximumConnections = configuration.limits.maximumConnections
        let app = Application(
            responder: SiteResponder(server: self),
            server: HTTPServerBuilder { responder in
                HardenedHTTP1Channel(
                    inner: HTTP1Channel(responder: responder, configuration: http1),
                    maximumConnections: maximumConnections)
            },
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "Gazette"),
            services: [SourceWatcher(server: self)],
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        do {
            try await app.runService()
        } catch {
            throw ServeError.explaining(error, host: configuration.host, port: configuration.port)
        }
    }

    /// Rebuilds the site in memory; on success the new build is served and pages reload.
    ///
    /// The pages of edited articles are shown first, as the next build will make them
    /// (`ArticlePreview`): open pages of them reload at once, and not again once the site is
    /// built unless the build made them otherwise.
    /// - Parameter changed: The sources that changed, relative to the site folder
    ///   (`content/posts/a.md`), when known.
    @discardableResult
    func rebuild(changed: Set<String> = []) async -> Bool {
        let started = ContinuousClock.now
        let (shownBefore, previewed) = showPreviews(of: changed, started: started)
        do {
            // Broken links and markup from content are shown, not served as a failed build:
            // the writer sees the new version while fixing them.
            var options = configuration.options
            options.contentProblemsAreWarnings = true
            options.keepsPreview = true
            let rendered = try await SiteBuild.render(options, cache: cache, progress: stageLogger(started: started))
            let site = ServedSite(rendered, siteFolder: configuration.options.siteFolder)
            let problems = Self.blockingProblems(rendered)
            let warnings = rendered.summary.warnings.map(\.description)
            let unchanged = previewed.filter { site.files[$0.path]?.contents.bytes == $0.contents.bytes }.map(\.path)
            let (streams, warned) = state.withLock { state in
                state.site = site
                state.failure = nil
                state.problems = problems
                state.preview = rendered.preview
                defer { state.warnings = Set(warnings) }
                return (Array(state.streams.values), state.warnings)
            }
            let milliseconds = Self.milliseconds(since: started)
            // Pages reload first; the terminal is told after.
            for stream in streams { stream.yield(LiveReload.reloadEvent(keeping: unchanged)) }
            log("Built \(rendered.summary.articles) articles, \(rendered.summary.pages) pages in \(milliseconds) ms")
            if let report = Self.warningReport(warnings, shownBefore: warned) { log(report) }
            return true
        } catch {
            let message = error.diagnostics.map(\.description).joined(separator: "\n")
            let streams = state.withLock { state in
                // The last good build is served as it was, without the pages shown ahead of it.
                if let shownBefore { state.site = shownBefore }
                state.failure = message
                return Array(state.streams.values)
            }
            log(message)
            log("The build failed; still serving the last good version.")
            for stream in streams {
                // Pages showing a preview reload to the last good version; the error shows over it.
                if !previewed.isEmpty { stream.yield(LiveReload.reloadEvent(only: previewed.map(\.path))) }
                stream.yield(LiveReload.failureEvent(message))
            }
            return false
        }
    }

    /// Serves the pages of the edited articles among `changed` as the next build will make them,
    /// and reloads their open pages.
    /// - Returns: The site served before, and the pages shown; `nil` and none when no page was.
    private func showPreviews(of changed: Set<String>, started: ContinuousClock.Instant) -> (
        shownBefore: ServedSite?, pages: [OutputFile]
    ) {
        let (preview, failed) = state.withLock { ($0.preview, $0.failure != nil) }
        // After a failed build the pages served are those of the last good one, left as they are.
        guard let preview, !failed, !changed.isEmpty else { return (nil, []) }
        let pages = changed.sorted().compactMap(preview.page(for:))
        guard !pages.isEmpty else { return (nil, []) }
        let (before, streams) = state.withLock { state in
            let before = state.site
            state.site = before?.replacing(pages)
            return (before, Array(state.streams.values))
        }
        for stream in streams { stream.yield(LiveReload.reloadEvent(only: pages.map(\.path))) }
        let shown = pages.compactMap(\.source).joined(separator: ", ")
        log("Showed \(shown) in \(Self.milliseconds(since: started)) ms; building the site")
        return (before, pages)
    }

    /// The warnings a build found, for the terminal: in full those the last build did not
    /// report, counted those it did (a large site's thousands of old broken links would bury
    /// the one a save just made); `nil` when there is nothing to say.
    static func warningReport(_ warnings: [String], shownBefore: Set<String>) -> String? {
        let new = warnings.filter { !shownBefore.contains($0) }
        let (repeated, gone) = (warnings.count - new.count, shownBefore.subtracting(warnings).count)
        func counted(_ count: Int) -> String { count == 1 ? "1 warning" : "\(count) warnings" }
        var lines = new
        switch (repeated, gone) {
        case (0, 0): break
        case (0, _): lines.append("\(counted(gone)) of the last build fixed")
        case (_, 0): lines.append("\(counted(repeated)) as in the last build")
        default: lines.append("\(counted(repeated)) as in the last build, \(gone) fixed")
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// What a rebuild reports of its stages: with `logsStages`, a line per stage with the time
    /// since the rebuild began; otherwise nothing.
    private func stageLogger(started: ContinuousClock.Instant) -> @Sendable (BuildEvent) -> Void {
        guard configuration.logsStages else { return { _ in } }
        let log = self.log
        return { event in
            guard case .stage(let name) = event else { return }
            log("  \(name) (at \(Self.milliseconds(since: started)) ms)")
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = (ContinuousClock.now - start).components
        return elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
    }

    /// The content problems of a build made with `contentProblemsAreWarnings` that the site's
    /// own `validation` settings make errors, so that `build-site` would stop at them; `nil`
    /// when there are none.
    static func blockingProblems(_ rendered: RenderedSite) -> String? {
        let validation = rendered.config.validation
        let blocking = rendered.summary.warnings.filter { warning in
            guard let rule = warning.rule else { return false }
            if rule == "links" { return validation.links == .error }
            return rule.hasPrefix("html") && validation.html == .error
        }
        guard !blocking.isEmpty else { return nil }
        return blocking.map(\.description).joined(separator: "\n")
    }

    /// The current build and build error.
    var snapshot: (site: ServedSite?, failure: String?) {
        state.withLock { ($0.site, $0.failure) }
    }

    /// A stream of server-sent events for one page; it ends when the server stops.
    func eventStream() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let (failure, problems) = state.withLock { state -> (String?, String?) in
            state.streams[id] = continuation
            return (state.failure, state.problems)
        }
        continuation.yield(": connected\n\n")
        if let failure { continuation.yield(LiveReload.failureEvent(failure)) }
        if let problems, failure == nil { continuation.yield(LiveReload.problemsEvent(problems)) }
        // A page that went away is only noticed when something is written to its stream.
        let interval = configuration.limits.heartbeat
        let heartbeat = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                continuation.yield(": heartbeat\n\n")
            }
        }
        continuation.onTermination = { [weak self] _ in
            heartbeat.cancel()
            self?.state.withLock { _ = $0.streams.removeValue(forKey: id) }
        }
        return stream
    }

    /// How many live-reload streams are open.
    var openEventStreams: Int {
        state.withLock { $0.streams.count }
    }

    /// Ends every open event stream, so shutdown does not wait for pages to close them.
    func finishEventStreams() {
        let streams = state.withLock { state in
            defer { state.streams.removeAll() }
            return Array(state.streams.values)
        }
        for stream in streams { stream.finish() }
    }
}

/// Why `serve` could not start.
public enum ServeError: Error, CustomStringConvertible {
    /// Another program listens on the port.
    case portInUse(host: String, port: Int)

    /// `error`, or `portInUse` when it says the address was taken.
    static func explaining(_ error: any Error, host: String, port: Int) -> any Error {
        "\(error)".contains("Address already in use") ? ServeError.portInUse(host: host, port: port) : error
    }

    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            "\(host):\(port) is already in use by another program; choose another port with --port"
        }
    }
}
