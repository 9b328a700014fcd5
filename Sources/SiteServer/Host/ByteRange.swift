import GazetteCore

/// A `Range: bytes=…` request header, for a file of a given size (RFC 9110 §14).
enum ByteRange {
    /// What the header asks of a file.
    enum Request: Equatable {
        /// The whole file: no header, several ranges, or a header in another unit.
        case whole
        /// These bytes.
        case part(ClosedRange<Int>)
        /// Bytes the file does not have: answered with 416.
        case unsatisfiable
    }

    /// The part of a file of `size` bytes that `header` asks for.
    static func parse(_ header: String?, size: Int) -> Request {
        guard let header, header.hasPrefix("bytes=") else { return .whole }
        let spec = header.dropFirst("bytes=".count).trimmingWhitespace()
        // One range only; several would need a multipart body, which the whole file replaces.
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash].trimmingWhitespace()
        let last = spec[spec.index(after: dash)...].trimmingWhitespace()
        if first.isEmpty {
            // `-500`: the last 500 bytes.
            guard let suffix = Int(last), suffix > 0 else { return .unsatisfiable }
            guard size > 0 else { return .unsatisfiable }
            return .part(max(0, size - suffix)...(size - 1))
        }
        guard let start = Int(first), start >= 0 else { return .whole }
        guard start < size else { return .unsatisfiable }
        if last.isEmpty { return .part(start...(size - 1)) }
        guard let end = Int(last), end >= start else { return .whole }
        return .part(start...min(end, size - 1))
    }
}
