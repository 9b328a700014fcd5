import NIOCore
import SiteModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Files of the hosted folder kept open between requests, as nginx's `open_file_cache` keeps
/// them: a request for a file asked for before costs one `stat` of the folder and the write of
/// the answer, instead of opening the folder and each part of the path again.
///
/// The cache belongs to one build of the site: the folder's device and inode, which each request
/// looks up, change when a build swaps a new folder in, and the cache is then emptied, so a
/// request after the swap is never answered from the old build. Files changed in place (by hand,
/// by a copy into the folder) are seen within `revalidation`, when a file is looked up again.
final class OpenFileCache: Sendable {
    /// Which folder a path names: its device and inode.
    typealias Generation = FileIdentity

    private struct Entry {
        /// The file; `nil` when there was none at the path.
        let file: HostedFile?
        let opened: ContinuousClock.Instant
    }

    private struct State {
        var generation: Generation?
        var files: [String: Entry] = [:]
        /// The bytes held in memory by the files kept.
        var bytes = 0
        /// The descriptors held open by the files kept.
        var descriptors = 0
    }

    private let state = Mutex(State())
    /// How long a file is answered from the cache before it is looked up again.
    let revalidation: Duration
    /// How many bytes of small files the cache may hold in memory; files past it are still
    /// served, just not kept.
    let maximumBytes: Int
    /// How many files (and missing files) the cache may keep.
    let maximumFiles: Int
    /// How many descriptors of large files the cache may keep open: far fewer than the
    /// process may open, which connections need.
    let maximumDescriptors: Int

    init(
        revalidation: Duration = .seconds(1), maximumBytes: Int = 64 << 20, maximumFiles: Int = 10_000,
        maximumDescriptors: Int = 256
    ) {
        self.revalidation = revalidation
        self.maximumBytes = maximumBytes
        self.maximumFiles = maximumFiles
        self.maximumDescriptors = maximumDescriptors
    }

    /// The folder at `path` as it is now, for one request; `nil` while there is none.
    func files(in folder: String) -> RequestFiles? {
        var status = stat()
        guard stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return nil }
        let generation = Generation(status)
        state.withLock { state in
            if state.generation != generation { state = State(generation: generation) }
        }
        return RequestFiles(cache: self, folder: folder, generation: generation)
    }

    /// What is kept for `path` in `generation` if it is fresh: the file, or `.some(nil)` when
    /// there was none; `nil` when nothing is kept.
    fileprivate func cached(_ path: String, generation: Generation) -> HostedFile?? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard state.generation == generation, let entry = state.files[path],
                now - entry.opened < revalidation
            else { return nil }
            return entry.file
        }
    }

    /// Keeps `file`, opened at `path` of a folder of `generation` (`nil`: there was none, as
    /// for the precompressed twins most files lack), while there is room.
    fileprivate func keep(_ file: HostedFile?, at path: String, generation: Generation) {
        let entry = Entry(file: file, opened: .now)
        state.withLock { state in
            guard state.generation == generation else { return }
            let old = state.files[path]?.file
            let bytes = state.bytes - (old?.heldBytes ?? 0) + (file?.heldBytes ?? 0)
            let descriptors =
                state.descriptors - (old?.holdsDescriptor == true ? 1 : 0) + (file?.holdsDescriptor == true ? 1 : 0)
            guard bytes <= maximumBytes, descriptors <= maximumDescriptors,
                state.files.count < maximumFiles || state.files[path] != nil
            else { return }
            state.files[path] = entry
            state.bytes = bytes
            state.descriptors = descriptors
        }
    }
}

/// The hosted folder as one request sees it: files come from the cache when they are there,
/// else from the folder, opened once for the request (`HostedTree`) and kept for the next.
final class RequestFiles {
    private let cache: OpenFileCache
    private let folder: String
    private let generation: OpenFileCache.Generation
    private var opened: HostedTree??
    /// Whether the folder opened is a newer build than the one the request looked up (a swap
    /// came in between): then the request is answered from it alone, and nothing is kept.
    private var isNewer = false

    fileprivate init(cache: OpenFileCache, folder: String, generation: OpenFileCache.Generation) {
        self.cache = cache
        self.folder = folder
        self.generation = generation
    }

    /// The folder, opened when a request first needs it; `nil` when it is gone.
    private var tree: HostedTree? {
        if let opened { return opened }
        let tree = HostedTree(folder)
        isNewer = tree.map { $0.generation != generation } ?? false
        opened = .some(tree)
        return tree
    }

    /// The regular file at `relative` (`posts/a/index.html`).
    func file(_ relative: String) -> HostedFile? {
        if !isNewer, let kept = cache.cached(relative, generation: generation) { return kept }
        guard let tree else { return nil }
        let file = tree.file(relative)
        if !isNewer { cache.keep(file, at: relative, generation: generation) }
        return file
    }

    /// Whether `relative` is a folder (for the redirect that adds its `/`).
    func isFolder(_ relative: String) -> Bool {
        tree?.isFolder(relative) ?? false
    }
}
