/// Finds on which line of a text a string first occurs, comparing bytes: many searches in one
/// text cost one copy of it and a scan each, never Foundation's locale-aware search.
package struct LineSearch {
    private let bytes: [UInt8]
    /// The offset at which each line starts; the first is 0.
    private let lineStarts: [Int]

    /// Prepares searches in `text`.
    package init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The 0-based number of the first line that holds `needle`; `nil` when none does (a
    /// needle with a line break in it is on no one line).
    package func lineIndex(ofFirst needle: String) -> Int? {
        let pattern = Array(needle.utf8)
        guard !pattern.contains(UInt8(ascii: "\n")) else { return nil }
        return bytes.withUnsafeBufferPointer { $0.firstOffset(of: pattern) }.map(line(containing:))
    }

    /// The 0-based line of the byte at `offset`.
    private func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
