#if canImport(Glibc)
    import Glibc
#endif

/// Whole reads and writes at an offset of an open file, carried on across short transfers and
/// interrupted calls.
public enum PositionedIO {
    /// Writes all of `bytes` at `offset` of the file open as `descriptor`.
    /// - Returns: `false`, with `errno` saying why, when the system refuses.
    public static func write(_ bytes: [UInt8], to descriptor: Int32, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress! + done, $0.count - done, off_t(offset + done))
            }
            guard count > 0 else {
                if count < 0 && errno == EINTR { continue }
                return false
            }
            done += count
        }
        return true
    }

    /// The `count` bytes at `offset` of the file open as `descriptor`; `nil` when they cannot
    /// all be read.
    public static func read(_ count: Int, from descriptor: Int32, at offset: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done))
            }
            guard read > 0 else {
                if read < 0 && errno == EINTR { continue }
                return nil
            }
            done += read
        }
        return bytes
    }
}
