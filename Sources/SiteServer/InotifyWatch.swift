#if os(Linux)
    import Foundation
    import Glibc
    import SiteModel

    /// Changes to a site's sources as the kernel reports them through inotify: the site folder
    /// (for `site.yml` and the input folders themselves) and every folder below `content/`,
    /// `templates/` and `static/`. Nothing is read while nothing changes, so an idle server costs
    /// no CPU.
    final class InotifyWatch: @unchecked Sendable {
        private let descriptor: Int32
        private let site: String
        /// Watched folders by watch descriptor; used only by the thread that waits.
        private var folders: [Int32: String] = [:]

        private static let mask = UInt32(
            IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                | IN_DELETE_SELF)

        /// Starts watching the site in `folder`.
        /// - Returns: `nil` when inotify is unavailable or its watch limit is reached, so the
        ///   caller can poll instead.
        init?(site folder: URL) {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            site = folder.path
            guard add(site, recursive: false) else {
                close(descriptor)
                return nil
            }
            for input in SiteLayout.inputFolders where !add(site + "/" + input, recursive: true) {
                close(descriptor)
                return nil
            }
        }

        deinit { close(descriptor) }

        /// Waits up to `milliseconds` for changes to the sources.
        /// - Returns: The sources that changed, relative to the site folder (`content/posts/a.md`;
        ///   fewer when the kernel's queue overflowed), or `nil` when none did.
        func waitForChanges(milliseconds: Int32) -> Set<String>? {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, milliseconds) > 0 else { return nil }
            var changed: Set<String>?
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let (event, name) = buffer.withUnsafeBytes { raw -> (inotify_event, String) in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        let start = offset + MemoryLayout<inotify_event>.size
                        let bytes = raw[start..<min(count, start + Int(event.len))].prefix { $0 != 0 }
                        return (event, String(decoding: bytes, as: UTF8.self))
                    }
                    offset += MemoryLayout<inotify_event>.size + Int(event.len)
                    if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        // Changes were lost: which ones is not known, that there were is.
                        changed = changed ?? []
                    } else if let source = handle(event, name: name) {
                        changed = (changed ?? []).union([source])
                    }
                }
            }
            return changed
        }

        /// The source an event changes, relative to the site folder; `nil` when the event is no
        /// change to the sources. New folders are watched too.
        private func handle(_ event: inotify_event, name: String) -> String? {
            guard let folder = folders[event.wd] else { return nil }
            if folder == site {
                // Only the configuration and the input folders matter at the top; builds of other
                // commands write their own folders there.
                guard SiteLayout.configFiles.contains(name) || SiteLayout.inputFolders.contains(name) else {
                    return nil
                }
                if SiteLayout.inputFolders.contains(name), event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    _ = add(site + "/" + name, recursive: true)
                }
                return name
            }
            if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                _ = add(folder + "/" + name, recursive: true)
            }
            if event.mask & UInt32(IN_IGNORED | IN_DELETE_SELF) != 0 { folders[event.wd] = nil }
            return String(folder.dropFirst(site.count + 1)) + "/" + name
        }

        /// Watches a folder, and with `recursive` every folder below it.
        /// - Returns: `false` when the watch limit is reached; a missing folder is no failure.
        private func add(_ path: String, recursive: Bool) -> Bool {
            let watch = inotify_add_watch(descriptor, path, Self.mask | UInt32(IN_ONLYDIR))
            if watch < 0 { return errno != ENOSPC && errno != ENOMEM }
            folders[watch] = path
            guard recursive, let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                return true
            }
            for entry in entries {
                var isFolder: ObjCBool = false
                let child = path + "/" + entry
                if FileManager.default.fileExists(atPath: child, isDirectory: &isFolder), isFolder.boolValue,
                    !add(child, recursive: true)
                {
                    return false
                }
            }
            return true
        }
    }
#endif
