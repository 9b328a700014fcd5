import Foundation
import ServiceLifecycle
import SiteModel
import Synchronization

/// Watches the site's sources and asks the server to rebuild after a change; a burst of
/// changes (an editor saving several files) gives one rebuild. On Linux the kernel reports
/// changes through inotify; where that is unavailable, or its watch limit is reached, the
/// sources are polled.
struct SourceWatcher: Service {
    let server: DevServer
    /// How often the sources are polled when they must be.
    static let pollInterval = Duration.milliseconds(200)
    /// How long the sources must stay quiet before a rebuild starts.
    static let quietPeriod = Duration.milliseconds(50)

    #if os(Linux)
        /// The kernel's watch, when it could be set up.
        private let inotify: InotifyWatch?
    #endif
    /// What polling compares the sources with at first, when they are polled.
    private let initialFingerprint: [String: [Int]]?

    /// Starts watching `server`'s sources at once, before the server listens: a change made as
    /// soon as it does is seen.
    init(server: DevServer) {
        self.server = server
        #if os(Linux)
            inotify = InotifyWatch(site: server.configuration.options.siteFolder)
            initialFingerprint = inotify == nil ? Self.fingerprint(of: server) : nil
        #else
            initialFingerprint = Self.fingerprint(of: server)
        #endif
    }

    func run() async throws {
        #if os(Linux)
            if let inotify {
                await runWatching(inotify)
                server.finishEventStreams()
                return
            }
            server.log("inotify is not available here; polling the sources for changes")
        #endif
        await runPolling()
        server.finishEventStreams()
    }

    #if os(Linux)
        /// Waits for the kernel's reports on a thread of its own, which the server's threads never
        /// wait for.
        private func runWatching(_ watch: InotifyWatch) async {
            // How many times sources changed, and which did since the last rebuild.
            let changes = Mutex((count: 0, sources: Set<String>()))
            let stopped = Mutex(false)
            let (wakeUps, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            let thread = Thread {
                while !stopped.withLock({ $0 }) {
                    if let sources = watch.waitForChanges(milliseconds: 250) {
                        changes.withLock {
                            $0.count += 1
                            $0.sources.formUnion(sources)
                        }
                        continuation.yield()
                    }
                }
                continuation.finish()
            }
            thread.start()
            let stop: @Sendable () -> Void = {
                stopped.withLock { $0 = true }
                continuation.finish()
            }
            await withGracefulShutdownHandler {
                await withTaskCancellationHandler {
                    var rebuilt = 0
                    for await _ in wakeUps {
                        // A wake-up for changes the last rebuild already saw is stale.
                        var seen = changes.withLock { $0.count }
                        guard seen != rebuilt else { continue }
                        // Wait until the sources stop changing, so one save of many files is one rebuild.
                        while !Task.isCancelled {
                            try? await Task.sleep(for: Self.quietPeriod)
                            let now = changes.withLock { $0.count }
                            if now == seen { break }
                            seen = now
                        }
                        guard !Task.isCancelled else { break }
                        let sources = changes.withLock { changes in
                            defer { changes.sources = [] }
                            rebuilt = changes.count
                            return changes.sources
                        }
                        await server.rebuild(changed: sources)
                    }
                } onCancel: {
                    stop()
                }
            } onGracefulShutdown: {
                stop()
            }
            stop()
        }
    #endif

    /// Looks at every source's size and modification time a few times a second.
    private func runPolling() async {
        var last = initialFingerprint ?? Self.fingerprint(of: server)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: Self.pollInterval)
            var current = Self.fingerprint(of: server)
            guard current != last else { continue }
            // Wait until the sources stop changing, so one save of many files is one rebuild.
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.pollInterval)
                let next = Self.fingerprint(of: server)
                if next == current { break }
                current = next
            }
            let sources = Self.changedSources(from: last, to: current)
            last = current
            await server.rebuild(changed: sources)
        }
    }

    /// The sources whose stamps differ between two fingerprints: changed, added or removed.
    static func changedSources(from last: [String: [Int]], to current: [String: [Int]]) -> Set<String> {
        Set(current.keys).union(last.keys).filter { current[$0] != last[$0] }
    }

    /// Size and modification time of every source file of `server`'s site.
    private static func fingerprint(of server: DevServer) -> [String: [Int]] {
        let site = server.configuration.options.siteFolder
        var prints: [String: [Int]] = [:]
        let fileManager = FileManager.default
        for name in SiteLayout.configFiles {
            prints[name] = stamp(site.appending(path: name).path)
        }
        for folder in SiteLayout.inputFolders {
            let root = site.appending(path: folder).path
            guard let walker = fileManager.enumerator(atPath: root) else { continue }
            for case let relative as String in walker {
                prints[folder + "/" + relative] = stamp(root + "/" + relative)
            }
        }
        return prints
    }

    private static func stamp(_ path: String) -> [Int]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return [Int(modified * 1_000_000), (attributes[.size] as? Int) ?? 0]
    }
}
