/// Where a byte of a text file stands, for diagnostics about bytes rather than characters.
public enum BytePosition {
    /// The offset, from the start of `bytes`, of the first byte that does not start or continue
    /// valid UTF-8; `bytes.count` when all of it is valid.
    public static func firstInvalidUTF8(in bytes: ArraySlice<UInt8>) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        var scalarStart = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                scalarStart = offset
            case .emptyInput:
                return offset
            case .error:
                return scalarStart
            }
        }
    }

    /// The 1-based line and column (counted in bytes) of the byte at `offset`.
    public static func lineAndColumn(of offset: Int, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        let before = bytes[bytes.startIndex..<(bytes.startIndex + offset)]
        let line = before.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.startIndex
        return (line, bytes.startIndex + offset - lineStart + 1)
    }

    /// The line and column of the first byte of `bytes` that is not valid UTF-8; `nil` when
    /// they all are.
    public static func firstInvalidUTF8Position(in bytes: [UInt8]) -> (line: Int, column: Int)? {
        let offset = firstInvalidUTF8(in: bytes[...])
        return offset == bytes.count ? nil : lineAndColumn(of: offset, in: bytes[...])
    }
}
