import CLibXML2
public import GazetteCore

/// A compiled RELAX NG schema (XML syntax) that validates documents.
///
/// Not `Sendable`: compile and use a schema on one thread.
public final class RelaxNGSchema {
    private let schema: xmlRelaxNGPtr

    /// Compiles a schema.
    /// - Parameter text: The schema in RELAX NG's XML syntax.
    /// - Throws: `SchemaError` with libxml2's diagnostics when the schema does not compile.
    public init(_ text: String) throws(SchemaError) {
        let (compiled, diagnostics) = LibXML2.collectingErrors { collector -> xmlRelaxNGPtr? in
            guard let context = LibXML2.withBytes(of: text, xmlRelaxNGNewMemParserCtxt) else { return nil }
            defer { xmlRelaxNGFreeParserCtxt(context) }
            xmlRelaxNGSetParserStructuredErrors(context, collectStructuredError, collector)
            return xmlRelaxNGParse(context)
        }
        guard let compiled else { throw SchemaError(diagnostics) }
        schema = compiled
    }

    deinit { xmlRelaxNGFree(schema) }

    /// Validates a parsed document.
    /// - Parameter rule: The rule id the violations are reported under.
    /// - Returns: Every violation, empty when the document is valid, said of the document's name.
    public func validate(_ document: XMLDocument, rule: String = "xml-schema") -> [Diagnostic] {
        let (valid, diagnostics) = LibXML2.collectingErrors { collector -> Bool in
            guard let context = xmlRelaxNGNewValidCtxt(schema) else { return false }
            defer { xmlRelaxNGFreeValidCtxt(context) }
            xmlRelaxNGSetValidStructuredErrors(context, collectStructuredError, collector)
            return xmlRelaxNGValidateDoc(context, document.pointer) == 0
        }
        if !valid && diagnostics.isEmpty {
            return [Diagnostic(.error, file: document.name, "document does not match the RELAX NG schema", rule: rule)]
        }
        return diagnostics.map { $0.diagnostic(file: document.name, rule: rule) }
    }
}

/// A schema that could not be compiled.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    /// What libxml2 reported while compiling the schema.
    public let diagnostics: [Diagnostic]

    init(_ problems: [XMLDiagnostic]) {
        diagnostics = problems.map { $0.diagnostic(file: "schema", rule: "xml-schema") }
    }

    public var description: String {
        "invalid schema: " + diagnostics.map(\.description).joined(separator: "; ")
    }
}
