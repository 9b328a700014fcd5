import CLibXML2

/// Checks an HTML page with libxml2's HTML parser and lists what it links to.
public enum HTMLInspector {
    /// What inspecting one page found.
    public struct Report: Sendable, Hashable {
        /// Markup errors: mismatched or stray tags, bad entities, duplicate `id`s.
        public let diagnostics: [XMLDiagnostic]
        /// Every `id` in the page.
        public let ids: Set<String>
        /// Every URL the page refers to, with where it stands.
        public let references: [Reference]
    }

    /// A URL an element refers to.
    public struct Reference: Sendable, Hashable, Codable {
        /// The element and attribute, such as `a/@href`.
        public let attribute: String
        /// The URL as written.
        public let url: String
        /// The line of the element.
        public let line: Int
    }

    /// libxml2 2.9 knows HTML 4 only; it reports HTML5 elements (`article`, `nav`, `time`)
    /// as unknown, which is not a problem in a page.
    private static let unknownTagCode = Int(XML_HTML_UNKNOWN_TAG.rawValue)
    /// libxml2's own duplicate-id report; ours names the first use.
    private static let idRedefinedCode = Int(XML_DTD_ID_REDEFINED.rawValue)

    /// The attributes that hold a URL the browser fetches or follows.
    private static let referenceQuery =
        "//a/@href | //link/@href | //img/@src | //script/@src | //iframe/@src"
        + " | //source/@src | //video/@src | //video/@poster | //audio/@src | //area/@href | //form/@action"
    private static let sourceSetQuery = "//img/@srcset | //source/@srcset"

    /// Parses and inspects a page.
    /// - Parameters:
    ///   - html: The page.
    ///   - name: A name for diagnostics.
    public static func inspect(_ html: String, name: String = "page.html") -> Report {
        let parsed = XMLDocument.parseHTML(html, name: name)
        var diagnostics = parsed.diagnostics.filter { $0.code != unknownTagCode && $0.code != idRedefinedCode }
        // Past libxml2's nesting limit the parser gives up on the rest of the page, and every
        // element still open looks unclosed: say the cause once instead of hundreds of echoes.
        if let tooDeep = diagnostics.first(where: { $0.message.hasPrefix("Excessive depth in document") }) {
            diagnostics = [
                XMLDiagnostic(
                    severity: .error,
                    message:
                        "elements are nested more than 256 deep here, past what the checker (and many browsers) follow; flatten the markup",
                    line: tooDeep.line, column: tooDeep.column, code: tooDeep.code)
            ]
        }
        guard let document = parsed.document else {
            return Report(diagnostics: diagnostics, ids: [], references: [])
        }
        var ids: [String: Int] = [:]
        for match in document.select("//@id") {
            if let first = ids[match.value] {
                diagnostics.append(
                    XMLDiagnostic(
                        severity: .error, message: "duplicate id '\(match.value)' (first used on line \(first))",
                        line: match.line))
            } else {
                ids[match.value] = match.line
            }
        }
        var references = document.select(referenceQuery).map {
            Reference(attribute: $0.name, url: $0.value, line: $0.line)
        }
        for match in document.select(sourceSetQuery) {
            for candidate in match.value.split(separator: ",") {
                guard let url = candidate.split(separator: " ").first else { continue }
                references.append(Reference(attribute: "srcset", url: String(url), line: match.line))
            }
        }
        return Report(diagnostics: diagnostics.sorted { $0.line < $1.line }, ids: Set(ids.keys), references: references)
    }
}
