import CLibXML2
import GazetteCore

/// Rewrites the URLs inside a fragment of HTML with libxml2's HTML parser and serializer.
public enum HTMLFragment {
    /// Passes every URL in `html` (the attributes `HTMLURLAttributes` names) through `transform` and returns the fragment serialized again.
    ///
    /// Text, comments and the structure of the fragment are kept; libxml2 may normalize
    /// markup (quote attributes, close elements that were left open).
    /// - Parameters:
    ///   - html: A fragment of HTML, such as an article body.
    ///   - transform: Returns the URL to write in place of the one given.
    public static func rewritingURLs(in html: String, _ transform: (String) -> String) -> String {
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\(html)</body></html>"
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let (output, _) = LibXML2.collectingErrors { _ -> String? in
            guard
                let document = LibXML2.withBytes(
                    of: wrapped, { htmlReadMemory($0, $1, "fragment.html", "UTF-8", options) })
            else {
                return nil
            }
            defer { xmlFreeDoc(document) }
            guard let body = findBody(in: document) else { return nil }
            rewrite(children: body.pointee.children, transform)
            return serialize(children: body.pointee.children, of: document)
        }
        return output ?? html
    }

    private static func findBody(in document: htmlDocPtr) -> xmlNodePtr? {
        var node = xmlDocGetRootElement(document)?.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, name(of: current) == "body" { return current }
            node = current.pointee.next
        }
        return nil
    }

    private static func rewrite(children first: xmlNodePtr?, _ transform: (String) -> String) {
        var node = first
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                var attribute = current.pointee.properties
                while let property = attribute {
                    let attributeName = property.pointee.name.map { String(cString: $0) } ?? ""
                    if HTMLURLAttributes.holdsURLs(attributeName) {
                        let value = XMLElement.content(
                            of: UnsafeMutableRawPointer(property).assumingMemoryBound(to: xmlNode.self))
                        if let rewritten = HTMLURLAttributes.rewriting(attributeName, value: value, transform),
                            rewritten != value
                        {
                            xmlSetProp(current, property.pointee.name, rewritten)
                        }
                    }
                    attribute = property.pointee.next
                }
                rewrite(children: current.pointee.children, transform)
            }
            node = current.pointee.next
        }
    }

    private static func serialize(children first: xmlNodePtr?, of document: htmlDocPtr) -> String? {
        guard let buffer = xmlAllocOutputBuffer(nil) else { return nil }
        defer { xmlOutputBufferClose(buffer) }
        var node = first
        while let current = node {
            htmlNodeDumpFormatOutput(buffer, document, current, "UTF-8", 0)
            node = current.pointee.next
        }
        xmlOutputBufferFlush(buffer)
        guard let content = xmlOutputBufferGetContent(buffer) else { return "" }
        let count = Int(xmlOutputBufferGetSize(buffer))
        return String(decoding: UnsafeBufferPointer(start: content, count: count), as: UTF8.self)
    }

    private static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }
}
