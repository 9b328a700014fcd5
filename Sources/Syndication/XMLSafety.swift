import XMLKit

/// Refuses XML that could harm the reader before libxml2 sees it.
enum XMLSafety {
    /// Documents larger than this are refused.
    static let maximumSize = 50 * 1024 * 1024

    /// Parses `text` as XML unless it is too large or declares entities (which can expand
    /// without bound, as in the "billion laughs" attack); feeds never need either.
    /// - Returns: The document, or the issues that stopped it.
    static func parse(_ text: String, name: String) -> (XMLDocument?, [ValidationIssue]) {
        if text.utf8.count > maximumSize {
            return (
                nil,
                [
                    ValidationIssue(
                        rule: "xml-size",
                        message: "the document is larger than \(maximumSize / 1_048_576) MiB and was not read", line: 1)
                ]
            )
        }
        if let declaration = text.firstRange(of: "<!ENTITY") {
            let line = text[..<declaration.lowerBound].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            return (
                nil,
                [
                    ValidationIssue(
                        rule: "xml-entity",
                        message:
                            "the document declares entities, which can expand without bound; it was not read (feeds never need entity declarations)",
                        line: line)
                ]
            )
        }
        let parsed = XMLDocument.parseXML(text, name: name)
        return (parsed.document, parsed.diagnostics.map { ValidationIssue($0, rule: "xml-well-formed") })
    }
}
