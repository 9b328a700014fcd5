import CLibXML2

/// What libxml2's HTML parser reports about a page when it is read without building a tree:
/// every element's attributes as it opens, with its line, and every end tag left out. The
/// parser's own errors reach the structured error handler as usual. Reading a site's pages this
/// way spares allocating and freeing a node for every element and text of every page.
final class HTMLScan {
    /// One attribute of an element, as the page gives it (entities decoded).
    struct Attribute {
        let element: String
        let name: String
        let value: String
        let line: Int
    }

    private(set) var attributes: [Attribute] = []
    /// End tags left out, and what HTML5 forbids (`HTML5Rules`), in the order found.
    private(set) var problems: [XMLDiagnostic] = []
    /// Where elements first nested deeper than `maximumDepth`; reading stopped there.
    private(set) var tooDeepAt: Int?
    /// The elements open now.
    private var open: [HTML5Rules.OpenElement] = []

    /// libxml2's own limit when it builds a tree (`xmlParserMaxDepth`), kept without one.
    static let maximumDepth = 256

    /// Reads `bytes` (UTF-8), collecting what it finds and the parser's diagnostics.
    /// - Parameter ignoredCodes: libxml2 error codes left out of the diagnostics.
    /// - Returns: libxml2's diagnostics, in the order it reported them.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, name: String, ignoring ignoredCodes: Set<Int32>) -> (
        HTMLScan, [XMLDiagnostic]
    ) {
        let scan = HTMLScan()
        let (_, diagnostics) = LibXML2.collectingErrors(ignoring: ignoredCodes) { _ -> Void in
            guard let context = htmlNewParserCtxt() else { return }
            defer { htmlFreeParserCtxt(context) }
            guard let handler = context.pointee.sax else { return }
            // Only these two callbacks: no document, no nodes, no text.
            handler.pointee = htmlSAXHandler()
            handler.pointee.startElement = scanStartElement
            handler.pointee.endElement = scanEndElement
            context.pointee._private = Unmanaged.passUnretained(scan).toOpaque()
            withExtendedLifetime(scan) {
                let document = LibXML2.withBytes(of: bytes) {
                    htmlCtxtReadMemory(context, $0, $1, name, "UTF-8", Int32(HTML_PARSE_NONET.rawValue))
                }
                if let document { xmlFreeDoc(document) }
            }
        }
        return (scan, diagnostics)
    }

    fileprivate func start(
        _ element: String, line: Int, attributes list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        parser: xmlParserCtxtPtr
    ) {
        guard open.count <= Self.maximumDepth else {
            tooDeepAt = line
            xmlStopParser(parser)
            return
        }
        let first = attributes.endIndex
        var index = 0
        while let list, let name = list[index] {
            let value = list[index + 1].map { String(cString: $0) } ?? ""
            attributes.append(Attribute(element: element, name: String(cString: name), value: value, line: line))
            index += 2
        }
        let own = attributes[first...]
        let isInteractive = HTML5Rules.isInteractive(element, attributes: own)
        HTML5Rules.check(
            element, attributes: own, isInteractive: isInteractive, line: line, inside: open, into: &problems)
        open.append(HTML5Rules.OpenElement(name: element, line: line, isInteractive: isInteractive))
    }

    fileprivate func end(_ name: UnsafePointer<xmlChar>, parser: xmlParserCtxtPtr) {
        let line = open.popLast()?.line ?? 0
        if let problem = missingEndTag(name, parser: parser, openedOn: line) { problems.append(problem) }
        if let problem = paragraphEndedByBlock(name, parser: parser, openedOn: line) { problems.append(problem) }
    }
}

/// The scan a parser context belongs to.
private func scan(of context: UnsafeMutableRawPointer?) -> (HTMLScan, xmlParserCtxtPtr)? {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let owner = parser.pointee._private
    else { return nil }
    return (Unmanaged<HTMLScan>.fromOpaque(owner).takeUnretainedValue(), parser)
}

private let scanStartElement: startElementSAXFunc = { context, name, attributes in
    guard let name, let (scan, parser) = scan(of: context) else { return }
    // Where the start tag ends, as the tree builder records an element's line.
    let line = Int(parser.pointee.input?.pointee.line ?? 0)
    scan.start(String(cString: name), line: line, attributes: attributes, parser: parser)
}

private let scanEndElement: endElementSAXFunc = { context, name in
    guard let name, let (scan, parser) = scan(of: context) else { return }
    scan.end(name, parser: parser)
}
