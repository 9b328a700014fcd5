import Foundation
import GazetteCore
import SiteContent
import SiteModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A file of the build's own beside the output (`.public.gazette-pages-` and a
/// `ProcessUniqueName`: a program may run builds at once) to which a build that publishes
/// appends each page as soon as it is made, so that the site's pages are never all held in
/// memory: validation and publishing read them back. One file, not one per page:
/// creating and removing fourteen thousand files costs more than writing them. Files that
/// builds killed before they finished left behind are removed by the next build.
final class StagedPages: Sendable {
    /// The file the pages are written to.
    var file: URL { staged.url }
    private let staged: StagedFile
    private let end = Atomic<Int>(0)
    private let removed = Atomic<Bool>(false)

    /// The prefix of the files' names beside an output folder named `name`.
    private static func prefix(for name: String) -> String {
        ".\(name).gazette-pages-"
    }

    /// Makes the file for pages published to `output` (symbolic links resolved).
    init(publishingTo output: URL) throws(BuildFailure) {
        let parent = output.deletingLastPathComponent()
        let prefix = Self.prefix(for: output.lastPathComponent)
        Self.removeLeftovers(in: parent, prefix: prefix)
        let file = parent.appending(path: prefix + ProcessUniqueName.next())
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw BuildFailure(
                .error(file.path, "cannot make a file for the pages: \(FileReading.problem(errno: errno))"))
        }
        staged = StagedFile(url: file, descriptor: descriptor)
    }

    deinit {
        remove()
    }

    /// `page` with its bytes written to the file; files whose bytes are not in memory are
    /// returned as they are.
    /// - Parameter digest: The bytes' digest, when the build keeps a cache.
    func stage(_ page: OutputFile, digest: ContentDigest?) throws(BuildFailure) -> OutputFile {
        guard case .bytes(let bytes) = page.contents else { return page }
        let start = end.add(bytes.count, ordering: .relaxed).oldValue
        guard PositionedIO.write(bytes, to: staged.descriptor, at: start) else {
            throw BuildFailure(
                .error(file.path, "cannot write the page \(page.path): \(FileReading.problem(errno: errno))"))
        }
        return OutputFile(
            path: page.path, kind: page.kind,
            contents: .staged(staged, range: start..<(start + bytes.count), digest: digest),
            source: page.source)
    }

    /// Removes the file; the pages staged in it can still be read, and the system takes its
    /// space back once the last of them is freed (`StagedFile`).
    func remove() {
        guard !removed.exchange(true, ordering: .relaxed) else { return }
        unlink(file.path)
    }

    /// Removes the files in `parent` named with `prefix` whose build is no longer running.
    private static func removeLeftovers(in parent: URL, prefix: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where name.hasPrefix(prefix) {
            guard let pid = ProcessUniqueName.process(of: name.dropFirst(prefix.count)), kill(pid, 0) != 0,
                errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: parent.appending(path: name))
        }
    }
}
