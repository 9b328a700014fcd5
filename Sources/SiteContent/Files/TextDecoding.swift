package import SiteModel

/// Turns an article's bytes into text, refusing what is not text.
package enum TextDecoding {
    /// The largest article accepted, in bytes.
    package static let maximumArticleSize = 8 * 1024 * 1024

    /// Decodes UTF-8, removes a byte-order mark and makes `\r\n` and `\r` line ends `\n`.
    /// - Throws: `BuildFailure` naming the line of an invalid byte or NUL, or an article too large.
    package static func decode(_ bytes: [UInt8], file: String) throws(BuildFailure) -> String {
        guard bytes.count <= maximumArticleSize else {
            throw BuildFailure(
                .error(
                    file,
                    "the file is \(bytes.count / 1_048_576) MiB; articles may be at most \(maximumArticleSize / 1_048_576) MiB"
                ))
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw BuildFailure(
                .error(file, line: line(at: nul, in: bytes), "the file contains a NUL byte; is it a binary file?"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(body)
            throw BuildFailure(
                .error(file, line: line(at: offset, in: bytes), "the file is not valid UTF-8 text; save it as UTF-8"))
        }
        guard text.utf8.contains(13) else { return text }
        return text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
    }

    /// The 1-based line holding byte `offset`.
    private static func line(at offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// The absolute offset of the first byte that does not start or continue valid UTF-8.
    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        var scalarStart = offset
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += String(scalar).utf8.count
                scalarStart = offset
            case .emptyInput:
                return offset
            case .error:
                return scalarStart
            }
        }
    }
}
