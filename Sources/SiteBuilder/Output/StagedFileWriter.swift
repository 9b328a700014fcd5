import Foundation
import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// Writes the files of a build into a staging folder on all cores with plain system calls.
/// A file whose bytes equal the file at the same path in the current output is hard-linked
/// from there instead of written again, so a rebuild writes only what changed.
struct StagedFileWriter: Sendable {
    /// The staging folder.
    let staging: URL
    /// The output folder as it is now, whose unchanged files are linked; `nil` when there is none.
    let current: URL?

    /// How many files were written, and how many linked from the current output.
    struct Counts: Sendable {
        var written = 0
        var linked = 0
    }

    /// Writes every file.
    /// - Throws: The first error met, naming the file.
    func write(_ files: [OutputFile]) throws -> Counts {
        var folders = Set<String>()
        for file in files {
            let parts = file.path.split(separator: "/").dropLast()
            for depth in parts.indices { folders.insert(parts[...depth].joined(separator: "/")) }
        }
        for folder in folders.sorted() {
            guard mkdir(staging.appending(path: folder).path, 0o755) == 0 || errno == EEXIST else {
                throw POSIXError(errnoCode, path: folder)
            }
        }
        let chunk = max(1, files.count / 64)
        let chunks = stride(from: 0, to: files.count, by: chunk).map { files[$0..<min(files.count, $0 + chunk)] }
        let results = Results(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            var counts = Counts()
            do {
                for file in chunks[index] {
                    if try place(file) { counts.linked += 1 } else { counts.written += 1 }
                }
                results.set(index, .success(counts))
            } catch {
                results.set(index, .failure(error))
            }
        }
        return try results.all().reduce(into: Counts()) { total, counts in
            total.written += counts.written
            total.linked += counts.linked
        }
    }

    /// Puts one file in the staging folder.
    /// - Returns: Whether it was linked from the current output rather than written.
    private func place(_ file: OutputFile) throws -> Bool {
        let target = staging.appending(path: file.path).path
        let bytes: [UInt8]
        switch file.contents {
        case .bytes(let produced): bytes = produced
        case .copy(let source): bytes = Array(try Data(contentsOf: source))
        }
        if let current, Self.has(bytes, at: current.appending(path: file.path).path),
            link(current.appending(path: file.path).path, target) == 0
        {
            return true
        }
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errnoCode, path: file.path) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            guard written > 0 else { throw POSIXError(errnoCode, path: file.path) }
            offset += written
        }
        return false
    }

    /// Whether the file at `path` is a regular file holding exactly `bytes`.
    private static func has(_ bytes: [UInt8], at path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == bytes.count else {
            return false
        }
        guard let existing = FileManager.default.contents(atPath: path) else { return false }
        return existing.elementsEqual(bytes)
    }

    private var errnoCode: POSIXErrorCode { POSIXErrorCode(rawValue: errno) ?? .EIO }
}

extension POSIXError {
    /// An error from a system call on a file of the build.
    fileprivate init(_ code: POSIXErrorCode, path: String) {
        self.init(code, userInfo: [NSFilePathErrorKey: path])
    }
}

/// Results of parallel work, one slot per chunk.
private final class Results: @unchecked Sendable {
    private var slots: [Result<StagedFileWriter.Counts, any Error>?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<StagedFileWriter.Counts, any Error>) {
        lock.withLock { slots[index] = result }
    }

    func all() throws -> [StagedFileWriter.Counts] {
        try lock.withLock { try slots.map { try $0!.get() } }
    }
}
