import Foundation
import SiteModel

/// Writes a finished build into a staging folder beside the output folder, then swaps it in,
/// so a failed or interrupted build never leaves a half-written site behind.
enum OutputWriter {
    /// The staging folder's name for an output folder named `name`.
    static func stagingName(for name: String) -> String { ".\(name).gazette-staging" }

    /// Publishes `files` to `output`, replacing what was there only once every file is written.
    static func publish(_ files: [OutputFile], to output: URL) throws(BuildFailure) {
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
            var created: Set<String> = []
            for file in files {
                let url = staging.appending(path: file.path)
                let folder = url.deletingLastPathComponent()
                if created.insert(folder.path).inserted {
                    try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
                }
                switch file.contents {
                case .bytes(let bytes):
                    try Data(bytes).write(to: url)
                case .copy(let source):
                    try fileManager.copyItem(at: source, to: url)
                }
            }
            if try AtomicSwap.install(staging, at: output) {
                try fileManager.removeItem(at: staging)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw BuildFailure(
                .error(
                    displayName,
                    "cannot write the site: \(error.localizedDescription); the previous \(displayName)/ is unchanged"))
        }
    }
}
