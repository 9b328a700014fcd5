/// One problem libxml2 (or a check built on it) found in a document.
public struct XMLDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case warning
        case error
    }

    /// How serious the problem is.
    public var severity: Severity
    /// The message, without a trailing newline.
    public var message: String
    /// The 1-based line in the document, or 0 when unknown.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int
    /// libxml2's error code (`xmlParserErrors`), or 0 for checks of our own.
    public var code: Int

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - severity: How serious the problem is.
    ///   - message: What is wrong.
    ///   - line: The 1-based line, or 0 when unknown.
    ///   - column: The 1-based column, or 0 when unknown.
    ///   - code: libxml2's error code, or 0.
    public init(severity: Severity, message: String, line: Int, column: Int = 0, code: Int = 0) {
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
        self.code = code
    }

    public var description: String {
        let position = column > 0 ? "\(line):\(column)" : "\(line)"
        return "\(position): \(severity.rawValue): \(message)"
    }
}
