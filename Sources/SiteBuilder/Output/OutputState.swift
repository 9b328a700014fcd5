import Foundation
import GazetteCore
import SiteContent
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A folder build-site published, as publishing left it, told from file system entries alone:
/// the files its manifest lists, the entries carried over from before, and every folder between
/// them and the root, each by its kind and stamp. Any change to the folder changes it.
struct OutputState: Codable, Equatable, Sendable {
    /// The digest of the layout and of every file's kind and stamp.
    let digest: ContentDigest
    /// Which entries the folder holds.
    let layout: FolderLayout

    /// What publishing saw of the folder it has just made: its listing, the stamp of each file
    /// it placed and of each folder it left alone, in the listing's order; `nil` for each entry
    /// it did not see, which is looked at.
    struct Seen {
        let listing: FolderLayout.Listing
        let files: [FileStamp?]
        let folders: [FolderLayout.Stamp?]

        /// Nothing seen of the folder `listing` lists: every entry is looked at.
        static func nothing(of listing: FolderLayout.Listing) -> Seen {
            Seen(listing: listing, files: listing.files.map { _ in nil }, folders: listing.folders.map { _ in nil })
        }
    }

    /// The state of `folder`, which publishing has just made hold exactly the files its
    /// manifest lists, `preserved` and their folders, with the stamp of each of those files.
    /// `nil` when it has no manifest or one of them cannot be looked at.
    static func look(at folder: URL, preserved: [String]) -> (state: OutputState, files: [String: FileStamp])? {
        guard let listing = FolderLayout.Listing(of: folder, preserved: preserved) else { return nil }
        return look(at: folder, knowing: .nothing(of: listing))
    }

    /// The state of `folder` as publishing left it, `seen` as it says; `nil` when an entry it
    /// did not see cannot be looked at.
    static func look(at folder: URL, knowing seen: Seen) -> (state: OutputState, files: [String: FileStamp])? {
        guard let (state, stamps) = measure(folder, seen) else { return nil }
        return (state, Dictionary(zip(seen.listing.files, stamps.map(\.stamp))) { first, _ in first })
    }

    /// Whether `folder` is still as this state describes it.
    func holds(for folder: URL) -> Bool {
        guard let listing = FolderLayout.Listing(of: folder, preserved: layout.preserved) else { return false }
        return Self.measure(folder, .nothing(of: listing))?.state == self
    }

    /// The state of `folder` and the kind and stamp of each of its files, those `seen` gives
    /// as given, the others looked at.
    private static func measure(_ folder: URL, _ seen: Seen) -> (
        state: OutputState, fileStamps: [FolderLayout.Stamp]
    )? {
        let listing = seen.listing
        let unplaced = listing.files.indices.filter { seen.files[$0] == nil }.map { listing.files[$0] }
        let unknown = listing.folders.indices.filter { seen.folders[$0] == nil }.map { listing.folders[$0] }
        guard let looked = FolderLayout.stamps(of: unplaced + unknown, in: folder) else { return nil }
        var lookedAt = looked.stamps.makeIterator()
        let fileStamps = seen.files.map { stamp -> FolderLayout.Stamp in
            stamp.map { (S_IFREG, $0) } ?? lookedAt.next()!
        }
        let folderStamps = seen.folders.map { $0 ?? lookedAt.next()! }
        // The layout's digest and the files' stamps' are made side by side.
        let parts = concurrentMap(2) { part -> ContentDigest in
            if part == 0 { return FolderLayout.digest(root: looked.root, listing: listing, folderStamps: folderStamps) }
            var hasher = ContentHasher()
            FolderLayout.combine(listing.files, fileStamps, into: &hasher)
            return hasher.finalize()
        }
        var hasher = ContentHasher()
        hasher.combine(parts[0])
        hasher.combine(parts[1])
        let state = OutputState(
            digest: hasher.finalize(), layout: FolderLayout(digest: parts[0], preserved: listing.preserved))
        return (state, fileStamps)
    }
}

/// Which entries a published folder holds, told from its manifest and the stamps of its
/// folders alone. A folder's stamp changes whenever an entry is added to it, removed or
/// renamed, so while the layout holds, the folder holds exactly the files its manifest lists,
/// the entries carried over and their folders, and nothing else; though a file may have
/// changed in place, or gained a hard link (as files of the output do when the next build
/// links them into its staging folder). The root counts by its modification time alone, which
/// renaming the folder (the swap) does not change.
struct FolderLayout: Codable, Equatable, Sendable {
    /// The digest of the listed files' paths and of the folders' paths, kinds and stamps.
    let digest: ContentDigest
    /// The entries of the folder build-site did not write, which it carried over.
    let preserved: [String]

    /// The files and folders below a folder whose layout holds.
    struct Entries: Sendable {
        /// Its manifest, the files the manifest lists in its order, and the entries carried over.
        let listedFiles: [String]
        /// Every folder between the root and one of `listedFiles`, the root left out, in the
        /// order first met.
        let listedFolders: [String]
        /// The kind and stamp of each of `listedFolders`, in their order, as seen when the
        /// layout was found to hold.
        let stamps: [Stamp]

        /// The files, as a set.
        var files: Set<String> { Set(listedFiles) }
        /// The folders, as a set.
        var folders: Set<String> { Set(listedFolders) }
        /// The stamps of `folders` as seen, in their order, but those of `touched`, which are
        /// `nil`.
        func stamps(of folders: [String], untouchedBesides touched: Set<String>) -> [Stamp?] {
            // Mostly the very folders listed, in their order: matched by place, not by path.
            if folders == listedFolders {
                return folders.indices.map { touched.contains(folders[$0]) ? nil : stamps[$0] }
            }
            let byPath = Dictionary(zip(listedFolders, stamps)) { first, _ in first }
            return folders.map { touched.contains($0) ? nil : byPath[$0] }
        }
    }

    /// The entries of `folder` when it is still laid out as this describes, which are then
    /// all it holds; `nil` when it is not. Looked at on the calling thread alone: publishing
    /// prepares on one of low priority, which mostly takes what the build leaves idle.
    func entries(ifStill folder: URL) -> Entries? {
        guard let listing = Listing(of: folder, preserved: preserved),
            let stamps = folderStamps(ifStill: folder, listing: listing)
        else { return nil }
        return Entries(listedFiles: listing.files, listedFolders: listing.folders, stamps: stamps)
    }

    /// Whether `folder` is still laid out as this describes; looked at on the calling thread
    /// alone, as `entries(ifStill:)` is.
    func holds(for folder: URL) -> Bool {
        Listing(of: folder, preserved: preserved).map { folderStamps(ifStill: folder, listing: $0) != nil } ?? false
    }

    /// The stamps of the folders of `listing`, in its order, when `folder` is still laid out as
    /// this describes; `nil` when it is not.
    private func folderStamps(ifStill folder: URL, listing: Listing) -> [Stamp]? {
        guard let looked = Self.stamps(of: listing.folders, in: folder, onAllCores: false),
            Self.digest(root: looked.root, listing: listing, folderStamps: looked.stamps, onAllCores: false) == digest
        else { return nil }
        return looked.stamps
    }

    /// The entries a published folder's state counts, in a stable order.
    struct Listing {
        /// Its manifest, the files the manifest lists in its order, and `preserved`.
        let files: [String]
        /// Their folders, in the order first met.
        let folders: [String]

        /// The entries carried over, the last of `files`.
        let preserved: [String]

        /// The listing of `folder`; `nil` when it has no manifest.
        init?(of folder: URL, preserved: [String]) {
            guard let listed = OutputManifest.lines(in: folder) else { return nil }
            self.init(files: [OutputManifest.fileName] + listed + preserved, preserved: preserved)
        }

        /// The listing of a folder whose manifest lists `files` (its own path first, then the
        /// others sorted, then `preserved`).
        init(files: [String], preserved: [String]) {
            self.files = files
            self.preserved = preserved
            folders = FolderLayout.folders(holding: files)
        }
    }

    /// Every folder between the root and one of `paths`, the root itself left out, each once,
    /// in the order first met.
    ///
    /// Publishing asks this of the output's files, of the previous output's and of the new
    /// build's (listed in another order), which on most rebuilds are the same paths: the last
    /// two answers are kept and given again for the same paths (telling them the same costs a
    /// tenth of finding the folders).
    static func folders(holding paths: [String]) -> [String] {
        if let known = recentFolders.withLock({ $0.first { $0.paths == paths }?.folders }) { return known }
        let folders = findFolders(holding: paths)
        recentFolders.withLock { $0 = [(paths, folders)] + $0.prefix(1) }
        return folders
    }

    /// The paths `folders(holding:)` was last asked about, and its answers, latest first.
    private static let recentFolders = Mutex<[(paths: [String], folders: [String])]>([])

    /// `folders(holding:)`, found.
    private static func findFolders(holding paths: [String]) -> [String] {
        if let folders = foldersOfSorted(paths) { return folders }
        var seen = Set<PathBytes>(minimumCapacity: paths.count)
        var folders: [String] = []
        var lastParent = PathBytes("")
        for path in paths {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
            let parent = PathBytes(path[..<slash])
            // Files of one folder mostly come together: their folder is known already.
            if parent == lastParent { continue }
            lastParent = parent
            var found: [Substring] = []
            var end = slash
            while seen.insert(PathBytes(path[..<end])).inserted {
                found.append(path[..<end])
                guard let next = path[..<end].utf8.lastIndex(of: UInt8(ascii: "/")) else { break }
                end = next
            }
            folders += found.reversed().map(String.init)
        }
        return folders
    }

    /// `folders(holding:)` for paths in the order of their bytes, as an output's listing has
    /// them; `nil` when they are not (a path without a folder may be anywhere). The paths
    /// below a folder then come one after another, so a path's folders not shared with the
    /// path before it are new: nothing is hashed, and the folders of an output's listing are
    /// found in a third of the time.
    static func foldersOfSorted(_ paths: [String]) -> [String]? {
        let slash = UInt8(ascii: "/")
        var folders: [String] = []
        var previousPath: Substring.UTF8View?
        var previousParent = ""[...].utf8
        for path in paths {
            guard let end = path.utf8.lastIndex(of: slash) else { continue }
            if let previousPath, !previousPath.lexicographicallyPrecedes(path.utf8) { return nil }
            previousPath = path[...].utf8
            let parent = path[..<end].utf8
            if parent.elementsEqual(previousParent) { continue }
            // The folders both parents are in end at the last slash they share, or where one
            // ends and the other goes on with a slash.
            var (here, there) = (parent.startIndex, previousParent.startIndex)
            var shared = parent.startIndex
            while here != parent.endIndex, there != previousParent.endIndex, parent[here] == previousParent[there] {
                if parent[here] == slash { shared = here }
                parent.formIndex(after: &here)
                previousParent.formIndex(after: &there)
            }
            if here == parent.endIndex
                ? previousParent[there] == slash : there == previousParent.endIndex && parent[here] == slash
            {
                shared = here
            }
            previousParent = parent
            // A folder of the path before (`a` after `a/b/c.html`) holds nothing new.
            guard shared != parent.endIndex else { continue }
            var start = shared == parent.startIndex ? shared : parent.index(after: shared)
            while let next = parent[start...].firstIndex(of: slash) {
                folders.append(String(path[..<next]))
                start = parent.index(after: next)
            }
            folders.append(String(path[..<end]))
        }
        return folders
    }

    /// A path told from others by its UTF-8 bytes, as the file system tells them: a text's
    /// own comparison and hashing would treat two spellings of one accented letter as one,
    /// and cost more.
    private struct PathBytes: Hashable {
        let path: Substring

        init(_ path: Substring) {
            self.path = path
        }

        func hash(into hasher: inout Hasher) {
            withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        static func == (left: PathBytes, right: PathBytes) -> Bool {
            left.path.utf8.count == right.path.utf8.count
                && left.withBytes { bytes in right.withBytes { bytes.elementsEqual($0) } }
        }

        /// The path's bytes, in place where the text holds them so (a path read from a file does).
        private func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            path.utf8.withContiguousStorageIfAvailable(body) ?? Array(path.utf8).withUnsafeBufferPointer(body)
        }
    }

    /// An entry's kind (the `S_IFMT` bits of its mode) and stamp.
    typealias Stamp = (kind: mode_t, stamp: FileStamp)

    /// The status of `folder` and the kind and stamp of each of `paths` below it, looked at on
    /// all cores unless told otherwise; `nil` when one of them cannot be looked at.
    fileprivate static func stamps(of paths: [String], in folder: URL, onAllCores: Bool = true) -> (
        root: stat, stamps: [Stamp]
    )? {
        let root = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return nil }
        defer { close(root) }
        var rootStatus = stat()
        guard fstat(root, &rootStatus) == 0 else { return nil }
        let look = { @Sendable (path: String) -> Stamp? in
            var status = stat()
            guard fstatat(root, path, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            return (status.st_mode & S_IFMT, FileStamp(status))
        }
        let looked = onAllCores ? concurrentMap(paths, chunk: entriesPerTask, look) : paths.map(look)
        let stamps = looked.compactMap { $0 }
        guard stamps.count == paths.count else { return nil }
        return (rootStatus, stamps)
    }

    /// The digest of `root`'s modification time, the files of `listing`, and its folders each
    /// with its kind and stamp, made on all cores unless told otherwise.
    fileprivate static func digest(root: stat, listing: Listing, folderStamps: [Stamp], onAllCores: Bool = true)
        -> ContentDigest
    {
        // The files' paths and the folders' stamps are digested side by side.
        let digestOf = { @Sendable (part: Int) -> ContentDigest in
            var hasher = ContentHasher()
            if part == 0 {
                hasher.combine(listing.files.count)
                for path in listing.files { hasher.combine(path) }
            } else {
                combine(listing.folders, folderStamps, into: &hasher)
            }
            return hasher.finalize()
        }
        let parts = onAllCores ? concurrentMap(2, digestOf) : (0..<2).map(digestOf)
        var hasher = ContentHasher()
        hasher.combine(root.st_mtim.tv_sec)
        hasher.combine(root.st_mtim.tv_nsec)
        for part in parts { hasher.combine(part) }
        return hasher.finalize()
    }

    /// Adds each of `paths` with its kind and stamp to `hasher`.
    fileprivate static func combine(
        _ paths: [String], _ stamps: some Collection<Stamp>, into hasher: inout ContentHasher
    ) {
        for (path, looked) in zip(paths, stamps) {
            hasher.combine(path)
            hasher.combine(Int(looked.kind))
            looked.stamp.combine(into: &hasher)
        }
    }

    /// How many entries one task looks at.
    private static let entriesPerTask = 512
}

/// The states of the two folders publishing swaps: the output, and the previous output kept
/// beside it as the staging folder of the next build.
struct PublishedTrees: Codable, Equatable, Sendable {
    /// The output folder.
    let output: OutputState
    /// The layout of the previous output beside it; `nil` when there is none or it is not
    /// known.
    let previous: FolderLayout?
}
