import Foundation
import SiteModel

/// Writes a finished build into a staging folder beside the output folder, then swaps it in,
/// so a failed or interrupted build never leaves a half-written site behind.
enum OutputWriter {
    /// A staging folder's name for an output folder named `name`, unique to this process so two
    /// builds never write into one.
    static func stagingName(for name: String) -> String {
        ".\(name).gazette-staging-\(getpid())"
    }

    /// Publishes `files` to `output`, replacing what was there only once every file is written.
    /// - Returns: How many files were written and how many linked unchanged from the old output.
    @discardableResult
    static func publish(_ files: [OutputFile], to output: URL) throws(BuildFailure) -> StagedFileWriter.Counts {
        let fileManager = FileManager.default
        let staging = output.deletingLastPathComponent().appending(path: stagingName(for: output.lastPathComponent))
        let displayName = output.lastPathComponent
        do {
            if fileManager.fileExists(atPath: staging.path) { try fileManager.removeItem(at: staging) }
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure(.error(staging.path, "cannot prepare the staging folder: \(error.localizedDescription)"))
        }
        do {
            let current = fileManager.fileExists(atPath: output.path) ? output : nil
            let counts = try StagedFileWriter(staging: staging, current: current).write(files)
            if try AtomicSwap.install(staging, at: output) {
                removeInBackground(staging)
            }
            return counts
        } catch {
            try? fileManager.removeItem(at: staging)
            throw BuildFailure(
                .error(
                    displayName,
                    "cannot write the site: \(error.localizedDescription); the previous \(displayName)/ is unchanged"))
        }
    }

    /// Removes the old output, now at `folder`, without making the build wait: the folder is
    /// renamed out of the way and deleted by a process of its own.
    private static func removeInBackground(_ folder: URL) {
        let trash = folder.deletingLastPathComponent().appending(path: folder.lastPathComponent + "-old")
        let target = (try? FileManager.default.moveItem(at: folder, to: trash)) != nil ? trash : folder
        let remover = Process()
        remover.executableURL = URL(fileURLWithPath: "/bin/rm")
        remover.arguments = ["-rf", "--", target.path]
        remover.standardOutput = FileHandle.nullDevice
        remover.standardError = FileHandle.nullDevice
        if (try? remover.run()) == nil { try? FileManager.default.removeItem(at: target) }
    }
}
