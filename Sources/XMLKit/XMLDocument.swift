import CLibXML2
public import GazetteCore

/// A parsed XML or HTML document owned by libxml2.
///
/// The document is freed when this object goes away. It is not `Sendable`: use it on the
/// thread that parsed it, as libxml2 expects.
public final class XMLDocument {
    let pointer: xmlDocPtr
    /// The name the document was parsed under, which its diagnostics are said of.
    public let name: String

    private init(pointer: xmlDocPtr, name: String) {
        self.pointer = pointer
        self.name = name
    }

    deinit { xmlFreeDoc(pointer) }

    /// What a parse produced: the document, if the input could be read at all, and every
    /// diagnostic libxml2 reported.
    public struct ParseResult {
        /// The document; `nil` when the input is not well-formed XML.
        public let document: XMLDocument?
        /// Errors and warnings, in document order, said of the document's name.
        public let diagnostics: [Diagnostic]
    }

    /// Options that make parsing safe for untrusted input: no network, no DTD loading, no
    /// entity substitution, default size limits.
    private static let safeXMLOptions = Int32(XML_PARSE_NONET.rawValue)

    /// Parses `text` as XML, whatever encoding its declaration names (the text is UTF-8).
    ///
    /// Never fetches anything, loads no DTD and expands no external entity. A document that is
    /// not well-formed yields `document == nil` and at least one error (rule `xml-well-formed`).
    /// - Parameters:
    ///   - text: The document.
    ///   - name: A name for the document, used as its URL by libxml2 and in diagnostics.
    public static func parseXML(_ text: String, name: String = "document.xml") -> ParseResult {
        LibXML2.withBytes(of: text) { parseXML($0, count: $1, name: name, encoding: "UTF-8") }
    }

    /// Parses `bytes` as XML in the encoding the document declares, or UTF-8 or UTF-16 by its
    /// byte order mark, as XML 1.0 §4.3.3 and appendix F say: any encoding libxml2 reads.
    /// Bytes that are not in the declared encoding are an error, located where they stand.
    /// - Parameters:
    ///   - bytes: The document as stored.
    ///   - name: A name for the document, used as its URL by libxml2 and in diagnostics.
    public static func parseXML(bytes: [UInt8], name: String = "document.xml") -> ParseResult {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else { return parseXML("", name: name) }
                return parseXML(base, count: Int32(clamping: chars.count), name: name, encoding: nil)
            }
        }
    }

    private static func parseXML(
        _ base: UnsafePointer<CChar>, count: Int32, name: String, encoding: String?
    ) -> ParseResult {
        let (document, diagnostics) = LibXML2.collectingErrors { _ -> XMLDocument? in
            guard let context = xmlNewParserCtxt() else { return nil }
            defer { xmlFreeParserCtxt(context) }
            guard let pointer = xmlCtxtReadMemory(context, base, count, name, encoding, safeXMLOptions) else {
                return nil
            }
            guard context.pointee.wellFormed != 0 else {
                xmlFreeDoc(pointer)
                return nil
            }
            return XMLDocument(pointer: pointer, name: name)
        }
        return ParseResult(
            document: document, diagnostics: diagnostics.map { $0.diagnostic(file: name, rule: "xml-well-formed") })
    }

    /// Parses `text` with libxml2's HTML parser, which recovers from errors and reports them.
    ///
    /// Beyond libxml2's own errors, an element whose end tag is required but missing (libxml2
    /// closes it silently when an enclosing element ends) is reported at the line it opened.
    /// - Parameters:
    ///   - text: The page.
    ///   - name: A name for the page, used as its URL by libxml2.
    public static func parseHTML(_ text: String, name: String = "page.html") -> ParseResult {
        let options = Int32(HTML_PARSE_NONET.rawValue)
        let (document, diagnostics) = LibXML2.collectingErrors { collector -> XMLDocument? in
            guard let context = htmlNewParserCtxt() else { return nil }
            defer { htmlFreeParserCtxt(context) }
            context.pointee.sax.pointee.endElement = checkEndTag
            context.pointee._private = collector
            let pointer = LibXML2.withBytes(of: text) { htmlCtxtReadMemory(context, $0, $1, name, "UTF-8", options) }
            return pointer.map { XMLDocument(pointer: $0, name: name) }
        }
        return ParseResult(
            document: document,
            diagnostics: diagnostics.sorted { $0.line < $1.line }.map { $0.diagnostic(file: name, rule: $0.htmlRule) })
    }

    /// The root element as a Swift value tree, or `nil` for an empty document.
    public var rootElement: XMLElement? {
        guard let root = xmlDocGetRootElement(pointer) else { return nil }
        return XMLElement(node: root)
    }

    /// Evaluates an XPath expression and returns the string value and line of each node it
    /// selects, in document order.
    /// - Parameters:
    ///   - expression: An XPath 1.0 expression that selects nodes.
    ///   - namespaces: Prefixes the expression uses, mapped to namespace URIs.
    /// - Returns: One match per selected node; an empty array when the expression is invalid.
    public func select(_ expression: String, namespaces: [String: String] = [:]) -> [XPathMatch] {
        let (matches, _) = LibXML2.collectingErrors { _ -> [XPathMatch] in
            guard let context = xmlXPathNewContext(pointer) else { return [] }
            defer { xmlXPathFreeContext(context) }
            for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) {
                xmlXPathRegisterNs(context, prefix, uri)
            }
            guard let result = xmlXPathEvalExpression(expression, context) else { return [] }
            defer { xmlXPathFreeObject(result) }
            guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { index in
                guard let node = set.pointee.nodeTab[index] else { return nil }
                return XPathMatch(node: node)
            }
        }
        return matches
    }
}

/// A node selected by XPath: its string value and where it stands.
public struct XPathMatch: Sendable, Hashable {
    /// The node's name (the attribute's name for an attribute).
    public let name: String
    /// The node's string value (an attribute's value, an element's text).
    public let value: String
    /// The line of the node (for an attribute, of its element), or 0.
    public let line: Int

    init(node: xmlNodePtr) {
        name = node.pointee.name.map { String(cString: $0) } ?? ""
        value = XMLElement.content(of: node)
        let lineNode = node.pointee.type == XML_ATTRIBUTE_NODE ? node.pointee.parent : node
        line = lineNode.map { Int(xmlGetLineNo($0)) } ?? 0
    }
}
