import Foundation
import ServiceLifecycle
import SiteModel

/// Polls the site's sources and asks the server to rebuild after a change; a burst of changes
/// (an editor saving several files) gives one rebuild.
struct SourceWatcher: Service {
    let server: DevServer
    /// How often the sources are looked at.
    static let interval = Duration.milliseconds(200)

    func run() async throws {
        var last = fingerprint()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: Self.interval)
            var current = fingerprint()
            guard current != last else { continue }
            // Wait until the sources stop changing, so one save of many files is one rebuild.
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                let next = fingerprint()
                if next == current { break }
                current = next
            }
            last = current
            await server.rebuild()
        }
        server.finishEventStreams()
    }

    /// Size and modification time of every source file.
    private func fingerprint() -> [String: [Int]] {
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

    private func stamp(_ path: String) -> [Int]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return [Int(modified * 1_000_000), (attributes[.size] as? Int) ?? 0]
    }
}
