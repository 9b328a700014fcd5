import GazetteCore

/// Diagnostics as a cache file and the record of a build keep them: one run of bytes, each
/// diagnostic's severity, file, line, column, message, rule and origin in turn (an absent rule
/// or origin as an empty text). A keyed value per field took most of the time the record of a
/// build with thousands of warnings spent being saved and read.
struct PackedDiagnostics: Codable, Sendable {
    let diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    init(from decoder: any Decoder) throws {
        var reader = ByteRunReader(try decoder.singleValueContainer().decode([UInt8].self))
        var diagnostics: [Diagnostic] = []
        while !reader.isAtEnd {
            guard let diagnostic = Self.read(from: &reader) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "damaged diagnostics"))
            }
            diagnostics.append(diagnostic)
        }
        self.diagnostics = diagnostics
    }

    func encode(to encoder: any Encoder) throws {
        var writer = ByteRunWriter()
        for diagnostic in diagnostics { Self.append(to: &writer, diagnostic) }
        var container = encoder.singleValueContainer()
        try container.encode(writer.bytes)
    }

    /// Writes one diagnostic's fields in turn.
    static func append(to writer: inout ByteRunWriter, _ diagnostic: Diagnostic) {
        writer.append(diagnostic.severity.rawValue)
        writer.append(diagnostic.file)
        writer.append(diagnostic.line)
        writer.append(diagnostic.column)
        writer.append(diagnostic.message)
        writer.append(diagnostic.rule ?? "")
        writer.append(diagnostic.origin ?? "")
    }

    /// Reads one diagnostic `append` wrote; `nil` when the bytes are not one.
    static func read(from reader: inout ByteRunReader) -> Diagnostic? {
        guard let severity = reader.text().flatMap(Diagnostic.Severity.init(rawValue:)),
            let file = reader.text(), let line = reader.number(), let column = reader.number(),
            let message = reader.text(), let rule = reader.text(), let origin = reader.text()
        else { return nil }
        return Diagnostic(
            severity, file: file, line: line, column: column, message, rule: rule.isEmpty ? nil : rule,
            origin: origin.isEmpty ? nil : origin)
    }
}
