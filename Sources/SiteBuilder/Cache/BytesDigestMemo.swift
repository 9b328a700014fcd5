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
        /// The last build that asked for it (`State.build`).
        var used: Int
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// The build under way, counted from 1: an entry is used when its `used` is this.
        var build = 1
        /// How many entries the build under way asked for.
        var usedCount = 0
    }

    private let state = Mutex(State())
    /// Whether digests are remembered; one that does not remember hashes every time.
    private let remembers: Bool

    /// An empty memo; one that does not `remember` holds no page's bytes.
    init(remembering remembers: Bool = true) {
        self.remembers = remembers
    }

    /// The digest of `bytes`, the contents of the file at `path`.
    func digest(of bytes: [UInt8], at path: String) -> ContentDigest {
        guard remembers else { return ContentDigest(of: bytes[...]) }
        let known = state.withLock { state -> ContentDigest? in
            guard let index = state.entries.index(forKey: path) else { return nil }
            // Marked in place, without hashing the path again.
            if state.entries.values[index].used != state.build {
                state.entries.values[index].used = state.build
                state.usedCount += 1
            }
            let entry = state.entries.values[index]
            return Self.sameStorage(entry.bytes, bytes) ? entry.digest : nil
        }
        if let known { return known }
        let digest = ContentDigest(of: bytes[...])
        state.withLock { state in
            let old = state.entries.updateValue(Entry(bytes: bytes, digest: digest, used: state.build), forKey: path)
            if old?.used != state.build { state.usedCount += 1 }
        }
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
        state.withLock { state in
            state.build += 1
            state.usedCount = 0
        }
    }

    func sweep() {
        state.withLock { state in
            if state.usedCount != state.entries.count {
                let build = state.build
                state.entries = state.entries.filter { $0.value.used == build }
            }
            state.build += 1
            state.usedCount = 0
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
