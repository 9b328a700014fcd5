import Foundation
import GazetteCore
import SiteContent
import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// Makes a staging folder hold exactly the files of a build, on all cores with plain system
/// calls. The staging folder is usually the output of the build before last, kept beside the
/// output after the swap: most of its files are already right, or hard links to the current
/// output's, so a rebuild creates only the folders and files that changed and removes only
/// what the build no longer makes.
///
/// A staged file is never written through: a path whose bytes change is unlinked first, so a
/// file shared by hard link with the published output is never altered.
struct StagedFileWriter: Sendable {
    /// The staging folder; it may hold anything an earlier build left there.
    let staging: URL
    /// Entries of the current output that build-site did not write, carried over as they are.
    var preserved: [String] = []
    /// What the staging folder holds, when that is known without listing it (its
    /// `FolderLayout` holds): then it is not walked.
    var known: FolderLayout.Entries?
    /// Whether the output is laid out as the last build left it, checked while publishing
    /// holds its lock: then no file of it was replaced, and the files the build found
    /// unchanged in it are not looked at again before they are linked.
    var outputHeld = false
    /// The stamp of a file the build found unchanged in the output, when the staging folder
    /// holds that very file (the last build kept or linked it there, `PublishedPages.Record.sharedWithPrevious`):
    /// asked only while both folders are laid out as the last build left them, which the
    /// staging folder then is for such a file, which is kept without being looked at.
    var sharedStamp: @Sendable (String) -> FileStamp? = { _ in nil }
    /// The staging folder's path and the current output's (whose unchanged files are linked;
    /// `nil` when there is none), each ending in `/`: a file's path is joined to them as text,
    /// not as a `URL`, tens of thousands of times a build.
    private let stagingRoot: String
    private let currentRoot: String?

    /// - Parameters:
    ///   - staging: The staging folder.
    ///   - current: The output folder as it is now; `nil` when there is none.
    ///   - preserved: Entries of the current output that build-site did not write.
    init(staging: URL, current: URL?, preserved: [String]) {
        self.staging = staging
        self.preserved = preserved
        stagingRoot = staging.path + "/"
        currentRoot = current.map { $0.path + "/" }
    }

    /// What publishing did to each file.
    struct Counts: Sendable, Equatable {
        /// Files written because their bytes are new.
        var written = 0
        /// Files hard-linked from the current output because their bytes did not change.
        var linked = 0
        /// Files the staging folder already held as they should be.
        var kept = 0
        /// Entries build-site did not write, carried over from the current output.
        var preserved: [String] = []
    }

    /// What writing did, the stamp of every file of the staging folder once written, and the
    /// folders whose entries it changed: after the swap, which renames the folder and leaves
    /// what it holds alone, the output's files and folders as they are.
    struct Written: Sendable {
        var counts: Counts
        /// The stamp of each file written, in the order of the files given.
        var stamps: [FileStamp]
        /// The files that are not the current output's (written anew, or kept as the staging
        /// folder held them): once swapped, the previous output does not share them.
        var unshared: [String] = []
        /// Every folder an entry was added to or removed from (`""` for the staging folder
        /// itself), and every folder made: the others' stamps are as they were before writing.
        var touched: Set<String> = []
    }

    /// Brings the staging folder to hold exactly `files`.
    /// - Parameters:
    ///   - files: The files.
    ///   - listed: Their paths as the folder's listing has them (`FolderLayout.Listing`): the
    ///     manifest's, then the others sorted.
    /// - Throws: The first error met, naming the file.
    func write(_ files: [OutputFile], listed: [String]) throws -> Written {
        let paths = listed + preserved
        var touched = Set<String>()
        // A staging folder known to hold these very paths has nothing to remove, and every folder.
        if known?.listedFiles != paths {
            let folders = Set(FolderLayout.folders(holding: paths))
            let wanted = Set(files.map(\.path))
            let existing =
                try known.map { try removeUnwanted(files: wanted, folders: folders, from: $0, touching: &touched) }
                ?? removeUnwanted(files: wanted, folders: folders, touching: &touched)
            try makeFolders(folders.subtracting(existing), touching: &touched)
        }
        let chunk = max(1, files.count / 64)
        let chunks = stride(from: 0, to: files.count, by: chunk).map { files[$0..<min(files.count, $0 + chunk)] }
        var total = try concurrentMap(chunks.count) { index in
            var written = Written(counts: Counts(), stamps: [])
            for file in chunks[index] {
                let (placement, stamp) = try place(file)
                switch placement {
                case .written: written.counts.written += 1
                case .linked: written.counts.linked += 1
                case .kept, .keptOwn: written.counts.kept += 1
                }
                if placement == .written || placement == .keptOwn { written.unshared.append(file.path) }
                if placement == .written || placement == .linked { written.touched.insert(Self.folder(of: file.path)) }
                written.stamps.append(stamp)
            }
            return written
        }.reduce(
            into: Written(counts: Counts(), stamps: [], touched: touched)
        ) { total, part in
            total.counts.written += part.counts.written
            total.counts.linked += part.counts.linked
            total.counts.kept += part.counts.kept
            total.unshared += part.unshared
            total.stamps += part.stamps
            total.touched.formUnion(part.touched)
        }
        if let currentRoot {
            for path in preserved {
                let target = stagingRoot + path
                guard unlink(target) == 0 || errno == ENOENT,
                    linkat(AT_FDCWD, currentRoot + path, AT_FDCWD, target, 0) == 0
                else { throw POSIXError(errnoCode, path: path) }
                total.touched.insert(Self.folder(of: path))
            }
            total.counts.preserved = preserved
        }
        return total
    }

    /// Makes `folders` in the staging folder, each after the one that holds it: a depth at a
    /// time, each depth's folders on all cores. (Made one at a time, the 18,000 folders of a
    /// 10,000-post site took seconds of one core when the file system had just removed as
    /// many: each new entry's place is searched for among recently freed ones.)
    private func makeFolders(_ folders: Set<String>, touching touched: inout Set<String>) throws {
        let byDepth = Dictionary(grouping: folders) { folder in folder.utf8.count { $0 == UInt8(ascii: "/") } }
        for depth in byDepth.keys.sorted() {
            let level = byDepth[depth]!.sorted()
            let chunk = max(64, level.count / 16)
            _ = try concurrentMap((level.count + chunk - 1) / chunk) { part in
                for folder in level[(part * chunk)..<min(level.count, (part + 1) * chunk)] {
                    guard mkdir(stagingRoot + folder, 0o755) == 0 || errno == EEXIST else {
                        throw POSIXError(errnoCode, path: folder)
                    }
                }
            }
            for folder in level { touched.formUnion([folder, Self.folder(of: folder)]) }
        }
    }

    /// Removes from the staging folder every entry that is neither one of `files` nor one of
    /// `folders`, and every entry of the wrong kind (a file where a folder belongs).
    /// - Returns: The folders of `folders` the staging folder already holds.
    private func removeUnwanted(files: Set<String>, folders: Set<String>, touching touched: inout Set<String>) throws
        -> Set<String>
    {
        var existing = Set<String>()
        try FileTree.walk(staging) { path, mode in
            switch mode & S_IFMT {
            case S_IFDIR where folders.contains(path):
                existing.insert(path)
                return true
            case S_IFREG where files.contains(path): return false
            default:
                try FileManager.default.removeItem(at: staging.appending(path: path))
                touched.insert(Self.folder(of: path))
                return false
            }
        }
        return existing
    }

    /// `removeUnwanted(files:folders:)` for a staging folder known to hold exactly `held`,
    /// without listing it: files are unlinked, then folders removed deepest first.
    private func removeUnwanted(
        files: Set<String>, folders: Set<String>, from held: FolderLayout.Entries, touching touched: inout Set<String>
    ) throws -> Set<String> {
        for path in held.files.subtracting(files).sorted() {
            guard unlink(stagingRoot + path) == 0 || errno == ENOENT else {
                throw POSIXError(errnoCode, path: path)
            }
            touched.insert(Self.folder(of: path))
        }
        for path in held.folders.subtracting(folders).sorted(by: >) {
            guard rmdir(stagingRoot + path) == 0 || errno == ENOENT else {
                throw POSIXError(errnoCode, path: path)
            }
            touched.insert(Self.folder(of: path))
        }
        return held.folders.intersection(folders)
    }

    /// The folder that holds the entry at `path` (`""` for the staging folder itself).
    private static func folder(of path: String) -> String {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? ""
    }

    private enum Placement {
        /// Written anew.
        case written
        /// Hard-linked from the current output.
        case linked
        /// Already the current output's file, hard-linked.
        case kept
        /// Already holding the right bytes, in a file of the staging folder's own.
        case keptOwn
    }

    /// Puts one file in the staging folder.
    /// - Returns: What was done, and the file's stamp once placed.
    private func place(_ file: OutputFile) throws -> (Placement, FileStamp) {
        if case .published = file.contents, outputHeld, known != nil, let stamp = sharedStamp(file.path) {
            return (.kept, stamp)
        }
        let target = stagingRoot + file.path
        let stagedStatus = Self.status(at: target)
        let staged = stagedStatus.map(FileIdentity.init)
        // The placed file's stamp: the one seen before when it was kept, looked at again
        // when it was linked.
        func placed(_ placement: Placement) throws -> (Placement, FileStamp) {
            if placement == .kept || placement == .keptOwn, let stagedStatus {
                return (placement, FileStamp(stagedStatus))
            }
            guard let status = Self.status(at: target) else { throw POSIXError(.EIO, path: file.path) }
            return (placement, FileStamp(status))
        }
        let bytes: [UInt8]
        switch file.contents {
        case .bytes(let produced): bytes = produced
        case .staged:
            guard let staged = file.bytes else { throw POSIXError(.EIO, path: file.path) }
            bytes = staged
        case .copy(let source): bytes = try FileReading.read(source, named: file.source ?? file.path).bytes
        case .published(let source, _, let identity):
            // The build found this file unchanged in the output: linked, not compared. If another
            // build replaced it since, its bytes may be another site's: refused.
            guard outputHeld || Self.status(at: source).map(FileIdentity.init) == identity else {
                throw POSIXError(.ESTALE, path: file.path)
            }
            if staged == identity { return try placed(.kept) }
            guard unlink(target) == 0 || errno == ENOENT else { throw POSIXError(errnoCode, path: file.path) }
            if link(source, target) == 0 { return try placed(.linked) }
            bytes = try FileReading.read(URL(filePath: source), named: file.path).bytes
        }
        if let currentRoot {
            let published = currentRoot + file.path
            if let identity = Self.status(at: published).map(FileIdentity.init), Self.file(at: published, holds: bytes)
            {
                if staged == identity { return try placed(.kept) }
                guard unlink(target) == 0 || errno == ENOENT else { throw POSIXError(errnoCode, path: file.path) }
                if link(published, target) == 0 { return try placed(.linked) }
            }
        }
        if staged != nil {
            if Self.file(at: target, holds: bytes) { return try placed(.keptOwn) }
            guard unlink(target) == 0 || errno == ENOENT else { throw POSIXError(errnoCode, path: file.path) }
        }
        let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errnoCode, path: file.path) }
        defer { close(descriptor) }
        var status = stat()
        guard PositionedIO.write(bytes, to: descriptor, at: 0), fstat(descriptor, &status) == 0 else {
            throw POSIXError(errnoCode, path: file.path)
        }
        return (.written, FileStamp(status))
    }

    /// The status of the regular file at `path`; `nil` when there is none.
    private static func status(at path: String) -> stat? {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return status
    }

    /// Whether the file at `path` is a regular file holding exactly `bytes`.
    private static func file(at path: String, holds bytes: [UInt8]) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == bytes.count
        else { return false }
        return PositionedIO.read(bytes.count, from: descriptor, at: 0) == bytes
    }

    private var errnoCode: POSIXErrorCode { POSIXErrorCode(rawValue: errno) ?? .EIO }
}

extension POSIXError {
    /// An error from a system call on a file of the build.
    fileprivate init(_ code: POSIXErrorCode, path: String) {
        self.init(code, userInfo: [NSFilePathErrorKey: path])
    }
}
