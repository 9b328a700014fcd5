import Foundation
import SiteModel

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

    /// Publishes `files` to `output`, replacing what was there only once every file is written.
    /// - Returns: What was done to each file.
    @discardableResult
    static func publish(_ files: [OutputFile], to output: URL) throws(BuildFailure) -> StagedFileWriter.Counts {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let displayName = output.lastPathComponent
        let staging = parent.appending(path: stagingName(for: displayName))
        let lock = try ParentLock(parent, displayName: displayName)
        defer { lock.release() }
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
        do {
            let current = fileManager.fileExists(atPath: output.path) ? output : nil
            let counts = try StagedFileWriter(staging: staging, current: current).write(files)
            _ = try AtomicSwap.install(staging, at: output)
            return counts
        } catch {
            throw BuildFailure(
                .error(
                    displayName,
                    "cannot write the site: \(error.localizedDescription); the previous \(displayName)/ is unchanged"))
        }
    }
}

/// An exclusive lock on the folder that holds the output, held while one build publishes;
/// another build waits for it. The kernel releases it if the process dies.
private struct ParentLock {
    private let descriptor: Int32

    init(_ folder: URL, displayName: String) throws(BuildFailure) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BuildFailure(.error(folder.path, "cannot open the folder that holds \(displayName)/"))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw BuildFailure(.error(folder.path, "cannot lock the folder that holds \(displayName)/"))
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
