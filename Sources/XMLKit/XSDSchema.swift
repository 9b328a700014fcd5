import CLibXML2
public import GazetteCore

/// A compiled W3C XML Schema (XSD) that validates documents.
///
/// Not `Sendable`: compile and use a schema on one thread.
public final class XSDSchema {
    private let schema: xmlSchemaPtr

    /// Compiles a schema.
    /// - Parameter text: The schema document.
    /// - Throws: `SchemaError` with libxml2's diagnostics when the schema does not compile.
    public init(_ text: String) throws(SchemaError) {
        let (compiled, diagnostics) = LibXML2.collectingErrors { collector -> xmlSchemaPtr? in
            guard let context = LibXML2.withBytes(of: text, xmlSchemaNewMemParserCtxt) else { return nil }
            defer { xmlSchemaFreeParserCtxt(context) }
            xmlSchemaSetParserStructuredErrors(context, collectStructuredError, collector)
            return xmlSchemaParse(context)
        }
        guard let compiled else { throw SchemaError(diagnostics) }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates a parsed document.
    /// - Parameter rule: The rule id the violations are reported under.
    /// - Returns: Every violation, empty when the document is valid, said of the document's name.
    public func validate(_ document: XMLDocument, rule: String = "xml-schema") -> [Diagnostic] {
        let (valid, diagnostics) = LibXML2.collectingErrors { collector -> Bool in
            guard let context = xmlSchemaNewValidCtxt(schema) else { return false }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, collectStructuredError, collector)
            return xmlSchemaValidateDoc(context, document.pointer) == 0
        }
        if !valid && diagnostics.isEmpty {
            return [Diagnostic(.error, file: document.name, "document does not match the XML Schema", rule: rule)]
        }
        return diagnostics.map { $0.diagnostic(file: document.name, rule: rule) }
    }
}
