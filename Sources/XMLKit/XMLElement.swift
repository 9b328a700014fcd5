import CLibXML2

/// An element copied out of a libxml2 document into plain Swift values.
public struct XMLElement: Sendable, Hashable {
    /// The local name.
    public let name: String
    /// The namespace URI, or `nil` when the element has none.
    public let namespace: String?
    /// Attributes in document order, by qualified name (`xml:lang` keeps its prefix).
    public let attributes: [Attribute]
    /// Child elements, in document order.
    public let children: [XMLElement]
    /// The concatenated text of the element and all its descendants.
    public let text: String
    /// The 1-based line on which the element starts.
    public let line: Int

    /// One attribute of an element.
    public struct Attribute: Sendable, Hashable {
        /// The qualified name (`href`, `xml:lang`).
        public let name: String
        /// The namespace URI, if the attribute has one.
        public let namespace: String?
        /// The value, with entities resolved.
        public let value: String
    }

    init(node: xmlNodePtr) {
        name = node.pointee.name.map { String(cString: $0) } ?? ""
        namespace = node.pointee.ns?.pointee.href.map { String(cString: $0) }
        line = Int(xmlGetLineNo(node))
        text = Self.content(of: node)
        var attributes: [Attribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let localName = current.pointee.name.map { String(cString: $0) } ?? ""
            let prefix = current.pointee.ns?.pointee.prefix.map { String(cString: $0) }
            let value = Self.content(of: UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
            attributes.append(
                Attribute(
                    name: prefix.map { "\($0):\(localName)" } ?? localName,
                    namespace: current.pointee.ns?.pointee.href.map { String(cString: $0) },
                    value: value
                )
            )
            attribute = current.pointee.next
        }
        self.attributes = attributes
        var children: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { children.append(XMLElement(node: current)) }
            child = current.pointee.next
        }
        self.children = children
    }

    /// The value of the attribute with this qualified name, if present.
    public func attribute(_ qualifiedName: String) -> String? {
        attributes.first { $0.name == qualifiedName }?.value
    }

    /// The child elements with this local name (and namespace, when given).
    public func children(named localName: String, namespace: String? = nil) -> [XMLElement] {
        children.filter { $0.name == localName && (namespace == nil || $0.namespace == namespace) }
    }

    static func content(of node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { gazette_xml_free(raw) }
        return String(cString: raw)
    }
}
