import Foundation
import GazetteCore
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
        // Every article's bytes are searched twice, for NUL and for a carriage return: with
        // `memchr`, which looks at many bytes at a time.
        if Self.holds(0, in: bytes), let nul = bytes.firstIndex(of: 0) {
            throw BuildFailure(
                .error(
                    file, line: BytePosition.lineAndColumn(of: nul, in: bytes[...]).line,
                    "the file contains a NUL byte; is it a binary file?"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            let offset = body.startIndex + BytePosition.firstInvalidUTF8(in: body)
            throw BuildFailure(
                .error(
                    file, line: BytePosition.lineAndColumn(of: offset, in: bytes[...]).line,
                    "the file is not valid UTF-8 text; save it as UTF-8"))
        }
        guard Self.holds(13, in: bytes) else { return text }
        return text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
    }

    /// Whether `bytes` holds `byte`.
    private static func holds(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return false }
            return memchr(start, Int32(byte), buffer.count) != nil
        }
    }
}
