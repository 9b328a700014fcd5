import GazetteCore
import XMLKit

/// Refuses XML that could harm the reader before libxml2 sees it.
enum XMLSafety {
    /// Documents larger than this are refused.
    static let maximumSize = 50 * 1024 * 1024

    /// Parses `bytes` as XML, in whatever encoding the document declares, unless it is too
    /// large or declares entities (which can expand without bound, as in the "billion laughs"
    /// attack); feeds never need either.
    /// - Returns: The document, or the issues that stopped it.
    static func parse(_ bytes: [UInt8], name: String) -> (XMLDocument?, [Diagnostic]) {
        if bytes.count > maximumSize {
            return (
                nil,
                [
                    Diagnostic(
                        rule: "xml-size",
                        message: "the document is larger than \(maximumSize / 1_048_576) MiB and was not read", line: 1)
                ]
            )
        }
        if let offset = entityDeclaration(in: bytes) {
            let line = bytes[..<offset].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            return (
                nil,
                [
                    Diagnostic(
                        rule: "xml-entity",
                        message:
                            "the document declares entities, which can expand without bound; it was not read (feeds never need entity declarations)",
                        line: line)
                ]
            )
        }
        let parsed = XMLDocument.parseXML(bytes: bytes, name: name)
        return (parsed.document, parsed.diagnostics)
    }

    /// Where `<!ENTITY` first stands, written in an 8-bit encoding or in UTF-16 of either byte
    /// order; `nil` when nowhere.
    private static func entityDeclaration(in bytes: [UInt8]) -> Int? {
        let ascii = Array("<!ENTITY".utf8)
        let patterns = [
            ascii, ascii.flatMap { [$0, 0] }, ascii.flatMap { [0, $0] },
        ]
        return bytes.withUnsafeBufferPointer { buffer in patterns.compactMap { buffer.firstOffset(of: $0) }.min() }
    }
}
