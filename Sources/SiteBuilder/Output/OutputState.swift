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

    /// The state of `folder`, which publishing has just made hold exactly the files its
    /// manifest lists, `preserved` and their folders, with the stamp of each of those files.
    /// `nil` when it has no manifest or one of them cannot be looked at.
    /// - Parameters:
    ///   - placed: Stamps of files publishing saw as it placed them, which are not looked at
    ///     again.
    ///   - folders: Stamps of folders publishing saw and left alone, which are not looked at
    ///     again either.
    static func look(
        at folder: URL, preserved: [String], placed: [String: FileStamp] = [:],
        folders: [String: FolderLayout.Stamp] = [:]
    ) -> (state: OutputState, files: [String: FileStamp])? {
        guard let (state, listing, stamps) = measure(folder, preserved: preserved, placed: placed, folders: folders)
        else { return nil }
        return (state, Dictionary(zip(listing.files, stamps.map(\.stamp))) { first, _ in first })
    }

    /// Whether `folder` is still as this state describes it.
    func holds(for folder: URL) -> Bool {
        Self.measure(folder, preserved: layout.preserved)?.state == self
    }

    /// The state of `folder`, its listing, and the kind and stamp of each of its files, those
    /// of `placed` and the folders of `folders` as given.
    private static func measure(
        _ folder: URL, preserved: [String], placed: [String: FileStamp] = [:],
        folders known: [String: FolderLayout.Stamp] = [:]
    ) -> (state: OutputState, listing: FolderLayout.Listing, fileStamps: [FolderLayout.Stamp])? {
        guard let listing = FolderLayout.Listing(of: folder, preserved: preserved) else { return nil }
        let unplaced = listing.files.filter { placed[$0] == nil }
        let unknown = listing.folders.filter { known[$0] == nil }
        guard let looked = FolderLayout.stamps(of: unplaced + unknown, in: folder) else { return nil }
        var lookedAt = looked.stamps.makeIterator()
        let fileStamps = listing.files.map { path -> FolderLayout.Stamp in
            placed[path].map { (S_IFREG, $0) } ?? lookedAt.next()!
        }
        let folderStamps = listing.folders.map { known[$0] ?? lookedAt.next()! }
        let layout = FolderLayout.digest(root: looked.root, listing: listing, folderStamps: folderStamps)
        var hasher = ContentHasher()
        hasher.combine(layout)
        FolderLayout.combine(listing.files, fileStamps, into: &hasher)
        let state = OutputState(
            digest: hasher.finalize(), layout: FolderLayout(digest: layout, preserved: preserved))
        return (state, listing, fileStamps)
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
        /// The kind and stamp of each folder, by path.
        var folderStamps: [String: Stamp] { Dictionary(zip(listedFolders, stamps)) { first, _ in first } }
    }

    /// The entries of `folder` when it is still laid out as this describes, which are then
    /// all it holds; `nil` when it is not.
    func entries(ifStill folder: URL) -> Entries? {
        guard let listing = Listing(of: folder, preserved: preserved),
            let stamps = folderStamps(ifStill: folder, listing: listing)
        else { return nil }
        return Entries(listedFiles: listing.files, listedFolders: listing.folders, stamps: stamps)
    }

    /// Whether `folder` is still laid out as this describes.
    func holds(for folder: URL) -> Bool {
        Listing(of: folder, preserved: preserved).map { folderStamps(ifStill: folder, listing: $0) != nil } ?? false
    }

    /// The stamps of the folders of `listing`, in its order, when `folder` is still laid out as
    /// this describes; `nil` when it is not.
    private func folderStamps(ifStill folder: URL, listing: Listing) -> [Stamp]? {
        guard let looked = Self.stamps(of: listing.folders, in: folder),
            Self.digest(root: looked.root, listing: listing, folderStamps: looked.stamps) == digest
        else { return nil }
        return looked.stamps
    }

    /// The entries a published folder's state counts, in a stable order.
    struct Listing {
        /// Its manifest, the files the manifest lists in its order, and `preserved`.
        let files: [String]
        /// Their folders, in the order first met.
        let folders: [String]

        /// The listing of `folder`; `nil` when it has no manifest.
        init?(of folder: URL, preserved: [String]) {
            guard let listed = OutputManifest.lines(in: folder) else { return nil }
            files = [OutputManifest.fileName] + listed + preserved
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
        var seen = Set<Substring>()
        var folders: [String] = []
        var lastParent: Substring = ""
        for path in paths {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
            let parent = path[..<slash]
            // Files of one folder mostly come together: their folder is known already.
            if parent == lastParent { continue }
            lastParent = parent
            var found: [Substring] = []
            var end = slash
            while seen.insert(path[..<end]).inserted {
                found.append(path[..<end])
                guard let next = path[..<end].utf8.lastIndex(of: UInt8(ascii: "/")) else { break }
                end = next
            }
            folders += found.reversed().map(String.init)
        }
        return folders
    }

    /// An entry's kind (the `S_IFMT` bits of its mode) and stamp.
    typealias Stamp = (kind: mode_t, stamp: FileStamp)

    /// The status of `folder` and the kind and stamp of each of `paths` below it, looked at on
    /// all cores; `nil` when one of them cannot be looked at.
    fileprivate static func stamps(of paths: [String], in folder: URL) -> (root: stat, stamps: [Stamp])? {
        let root = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return nil }
        defer { close(root) }
        var rootStatus = stat()
        guard fstat(root, &rootStatus) == 0 else { return nil }
        let chunks = stride(from: 0, to: paths.count, by: entriesPerTask).map {
            paths[$0..<min(paths.count, $0 + entriesPerTask)]
        }
        let looked = try? concurrentMap(chunks.count) { index in
            chunks[index].map { path -> Stamp? in
                var status = stat()
                guard fstatat(root, path, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                return (status.st_mode & S_IFMT, FileStamp(status))
            }
        }
        let stamps = looked?.joined().compactMap { $0 } ?? []
        guard stamps.count == paths.count else { return nil }
        return (rootStatus, stamps)
    }

    /// The digest of `root`'s modification time, the files of `listing`, and its folders each
    /// with its kind and stamp.
    fileprivate static func digest(root: stat, listing: Listing, folderStamps: some Collection<Stamp>) -> ContentDigest
    {
        var hasher = ContentHasher()
        hasher.combine(root.st_mtim.tv_sec)
        hasher.combine(root.st_mtim.tv_nsec)
        hasher.combine(listing.files.count)
        for path in listing.files { hasher.combine(path) }
        combine(listing.folders, folderStamps, into: &hasher)
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
