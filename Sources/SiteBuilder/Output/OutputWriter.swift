import Foundation
import GazetteCore
import SiteContent
import SiteModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a finished build into a staging folder beside the output folder, then swaps the two
/// at once, so a failed or interrupted build never leaves a half-written site behind.
///
/// After the swap the staging folder holds the previous output. It is kept, hidden beside the
/// output (`.public.gazette-previous`), and brought up to date by the next build, which then
/// only writes what changed instead of making every folder and file anew. Builds into one
/// output folder take turns: each holds a lock on the folder that contains it while publishing.
enum OutputWriter {
    /// The staging folder's name for an output folder named `name`.
    static func stagingName(for name: String) -> String {
        ".\(name).gazette-previous"
    }

    /// What publishing did.
    struct Publication: Sendable {
        /// What was done to each file.
        let counts: StagedFileWriter.Counts
        /// The output and the previous output as publishing left them; `nil` when the output
        /// could not be looked at.
        let trees: PublishedTrees?
        /// The stamp of each file of the output as publishing left it.
        let stamps: [String: FileStamp]
        /// The files of the output the previous output beside it does not share.
        let unshared: Set<String>
    }

    /// The output folder made ready for a build's files: the folder that holds it locked
    /// against other builds, the staging folder there, and both looked at. A build prepares it
    /// while it renders (`prepare(_:trees:)`), as looking at every folder of both takes long;
    /// the lock is held until publishing ends, or until the build lets go of the target.
    final class Target: Sendable {
        let output: URL
        let staging: URL
        fileprivate let lock: ParentLock
        /// The output, when there is one.
        fileprivate let current: URL?
        /// The folders as the last build left them, as the target was prepared with.
        fileprivate let trees: PublishedTrees?
        /// Whether the output is still laid out as `trees` says.
        fileprivate let outputHolds: Bool
        /// The staging folder's entries, when it is still laid out as `trees` says.
        fileprivate let stagingEntries: FolderLayout.Entries?
        /// What someone other than build-site put in the output folder, or why it could not be
        /// listed.
        fileprivate let foreign: Result<[String], BuildFailure>

        fileprivate init(
            output: URL, staging: URL, lock: ParentLock, current: URL?, trees: PublishedTrees?, outputHolds: Bool,
            stagingEntries: FolderLayout.Entries?, foreign: Result<[String], BuildFailure>
        ) {
            self.output = output
            self.staging = staging
            self.lock = lock
            self.current = current
            self.trees = trees
            self.outputHolds = outputHolds
            self.stagingEntries = stagingEntries
            self.foreign = foreign
        }
    }

    /// Makes `output` ready for a build's files: locks the folder that holds it (waiting for
    /// another build publishing there), makes the staging folder beside it, and looks at both.
    /// - Parameter trees: The folders as the last build left them, if known: while they still
    ///   are, neither is listed.
    static func prepare(_ output: URL, trees: PublishedTrees?) throws(BuildFailure) -> Target {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let displayName = output.lastPathComponent
        let staging = parent.appending(path: stagingName(for: displayName))
        let lock = try ParentLock(parent, displayName: displayName)
        removeLeftovers(in: parent, displayName: displayName)
        do {
            var status = stat()
            let isFolder = lstat(staging.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            if !isFolder {
                // Nothing there, or something that is not the staging folder (a file, a link).
                try? fileManager.removeItem(at: staging)
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            }
        } catch {
            throw BuildFailure(.error(staging.path, "cannot prepare the staging folder: \(error.localizedDescription)"))
        }
        let current = fileManager.fileExists(atPath: output.path) ? output : nil
        let found = look(
            output: current == nil ? nil : trees?.output.layout, at: output, staging: trees?.previous, at: staging)
        // Entries someone else put in the output are known without listing it while it is as
        // the last build left it.
        let foreign = Result { () throws(BuildFailure) in
            try foreignEntries(
                in: current, known: found.outputHolds ? trees?.output.layout.preserved : nil, displayName: displayName)
        }
        return Target(
            output: output, staging: staging, lock: lock, current: current, trees: trees,
            outputHolds: found.outputHolds, stagingEntries: found.stagingEntries, foreign: foreign)
    }

    /// Publishes `files` to `output`, replacing what was there only once every file is written.
    /// - Parameters:
    ///   - trees: The folders as the last build left them, if known: while they still are,
    ///     neither is listed.
    ///   - published: The pages as the last build published them: while both folders are as it
    ///     left them, the files it shared between them are not looked at.
    @discardableResult
    static func publish(
        _ files: [OutputFile], to output: URL, trees: PublishedTrees? = nil, published: PublishedPages? = nil
    ) throws(BuildFailure) -> Publication {
        try publish(files, to: try prepare(output, trees: trees), published: published)
    }

    /// Publishes `files` to the output `target` was prepared for, replacing what was there only
    /// once every file is written; the folder that holds it is unlocked once done.
    /// - Parameter published: The pages as the last build published them: while both folders
    ///   are as it left them, the files it shared between them are not looked at.
    static func publish(_ files: [OutputFile], to target: Target, published: PublishedPages?) throws(BuildFailure)
        -> Publication
    {
        defer { target.lock.release() }
        let (output, staging, current) = (target.output, target.staging, target.current)
        let displayName = output.lastPathComponent
        let laidOut = target.outputHolds
        let foreign = try foreignEntries(try target.foreign.get(), keepingClearOf: files, displayName: displayName)
        do {
            // The files in the manifest's order, as the folder's listing has them.
            let order = files.indices.map { (path: files[$0].path, index: $0) }.sorted { $0.path < $1.path }
            let listed = order.map(\.path)
            let manifest = OutputManifest.file(listingSorted: listed)
            var writer = StagedFileWriter(staging: staging, current: current, preserved: foreign)
            let known = target.stagingEntries
            writer.known = known
            writer.outputHeld = laidOut
            if let published { writer.sharedStamp = { published.sharedStamp(of: $0) } }
            let written = try writer.write([manifest] + files, listed: [manifest.path] + listed)
            let swapped = try AtomicSwap.install(staging, at: output)
            // The previous output's folders were not touched: its layout is the one that held.
            let previous = swapped && laidOut ? target.trees?.output.layout : nil
            // The files are as writing placed them, the entries carried over looked at. Folders
            // writing left alone are as they were seen when the staging folder's layout was
            // found to hold: only the others are looked at again.
            let listing = FolderLayout.Listing(files: [manifest.path] + listed + foreign, preserved: foreign)
            let placed = [written.stamps[0]] + order.map { written.stamps[$0.index + 1] } + foreign.map { _ in nil }
            let looked = OutputState.look(
                at: output,
                knowing: OutputState.Seen(
                    listing: listing, files: placed,
                    folders: known?.stamps(of: listing.folders, untouchedBesides: written.touched)
                        ?? listing.folders.map { _ in nil }))
            return Publication(
                counts: written.counts, trees: looked.map { PublishedTrees(output: $0.state, previous: previous) },
                stamps: looked?.files ?? [:], unshared: Set(written.unshared))
        } catch let failure as BuildFailure {
            throw failure
        } catch {
            let path = (error as NSError).userInfo[NSFilePathErrorKey] as? String
            throw BuildFailure(
                .error(
                    path.map { "\(displayName)/\($0)" } ?? displayName,
                    "cannot write the site: \(error.localizedDescription); the previous \(displayName)/ is unchanged"))
        }
    }
}

extension OutputWriter {
    /// Whether the output is still laid out as `output` says, and the staging folder's entries
    /// if it is still laid out as `staging` says: found side by side, each on one thread (the
    /// output's started for it), both at the priority of the calling thread. Publishing
    /// prepares on a thread of low priority, which mostly takes what the build leaves idle.
    fileprivate static func look(
        output: FolderLayout?, at outputURL: URL, staging: FolderLayout?, at stagingURL: URL
    ) -> (outputHolds: Bool, stagingEntries: FolderLayout.Entries?) {
        let outputHolds = Mutex(false)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            outputHolds.withLock { $0 = output?.holds(for: outputURL) == true }
            done.signal()
        }
        let stagingEntries = staging?.entries(ifStill: stagingURL)
        done.wait()
        return (outputHolds.withLock { $0 }, stagingEntries)
    }

    /// Removes staging folders that builds of earlier versions, killed before they finished,
    /// left beside the output (`.public.gazette-staging-PID`).
    fileprivate static func removeLeftovers(in parent: URL, displayName: String) {
        let prefix = ".\(displayName).gazette-staging-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: parent.appending(path: name))
        }
    }

    /// What someone other than build-site put in the output folder, which is carried over.
    /// - Parameter known: The entries, when they are known without listing the folder.
    fileprivate static func foreignEntries(in current: URL?, known: [String]?, displayName: String) throws(BuildFailure)
        -> [String]
    {
        guard let current else { return [] }
        do {
            return try known ?? OutputManifest.foreignEntries(in: current)
        } catch {
            throw BuildFailure(.error(displayName, "cannot list the output folder: \(error.localizedDescription)"))
        }
    }

    /// `foreign`, the entries someone else put in the output folder.
    /// - Throws: When the build now writes a file where one of them is, which would lose it.
    fileprivate static func foreignEntries(
        _ foreign: [String], keepingClearOf files: [OutputFile], displayName: String
    ) throws(BuildFailure) -> [String] {
        guard !foreign.isEmpty else { return [] }
        let generated = Set(files.map(\.path))
        var clashes: [Diagnostic] = []
        for path in foreign {
            let parts = path.split(separator: "/")
            let ancestors = parts.indices.dropLast().map { parts[...$0].joined(separator: "/") }
            let folders = files.contains { $0.path.hasPrefix(path + "/") }
            if generated.contains(path) || folders || ancestors.contains(where: generated.contains) {
                clashes.append(
                    .error(
                        "\(displayName)/\(path)",
                        "was not written by build-site, and the build now writes there; move it into static/ to publish it, or delete it"
                    ))
            }
        }
        guard clashes.isEmpty else { throw BuildFailure(clashes) }
        return foreign
    }
}

/// An exclusive lock on the folder that holds the output, held while one build prepares and
/// publishes; another build waits for it. The kernel releases it if the process dies.
private final class ParentLock: Sendable {
    /// The folder's descriptor, −1 once released.
    private let descriptor: Atomic<Int32>

    init(_ folder: URL, displayName: String) throws(BuildFailure) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BuildFailure(.error(folder.path, "cannot open the folder that holds \(displayName)/"))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw BuildFailure(.error(folder.path, "cannot lock the folder that holds \(displayName)/"))
            }
        }
        self.descriptor = Atomic(descriptor)
    }

    deinit {
        release()
    }

    /// Unlocks the folder; once only, however often it is called.
    func release() {
        let descriptor = descriptor.exchange(-1, ordering: .relaxed)
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
