import GazetteCore
import Synchronization

/// Digests of produced files' bytes, remembered with the very array they were computed from.
/// A page that came unchanged out of a stage cache holds the same array as in the last build,
/// so its digest is known without hashing its bytes again; holding the array keeps its
/// storage from being reused, so the same storage always means the same bytes.
final class BytesDigestMemo: Sendable {
    private struct Entry {
        let bytes: [UInt8]
        let digest: ContentDigest
    }

    private let state = Mutex(SweptTable<Entry>())
    /// Whether digests are remembered; one that does not remember hashes every time.
    private let remembers: Bool

    /// An empty memo; one that does not `remember` holds no page's bytes.
    init(remembering remembers: Bool = true) {
        self.remembers = remembers
    }

    /// The digest of `bytes`, the contents of the file at `path`.
    func digest(of bytes: [UInt8], at path: String) -> ContentDigest {
        guard remembers else { return ContentDigest(of: bytes[...]) }
        let known = state.withLock { table -> ContentDigest? in
            guard let entry = table.use(path) else { return nil }
            return Self.sameStorage(entry.bytes, bytes) ? entry.digest : nil
        }
        if let known { return known }
        let digest = ContentDigest(of: bytes[...])
        state.withLock { $0.set(path, to: Entry(bytes: bytes, digest: digest)) }
        return digest
    }

    private static func sameStorage(_ first: [UInt8], _ second: [UInt8]) -> Bool {
        first.count == second.count
            && first.withUnsafeBufferPointer { one in
                second.withUnsafeBufferPointer { one.baseAddress == $0.baseAddress }
            }
    }
}

extension BytesDigestMemo: SweptStage {
    func beginBuild() {
        state.withLock { $0.beginBuild() }
    }

    func sweep() {
        state.withLock { _ = $0.sweep() }
    }

    var count: Int { state.withLock { $0.count } }
}
