import GazetteCore

/// One problem libxml2 (or a check built on it) reported, with libxml2's error code, before it
/// is said of a file as a `Diagnostic`.
struct XMLDiagnostic: Sendable, Hashable {
    /// How serious the problem is.
    var severity: Diagnostic.Severity
    /// The message, without a trailing newline.
    var message: String
    /// The 1-based line in the document, or 0 when unknown.
    var line: Int
    /// The 1-based column, or 0 when unknown.
    var column: Int = 0
    /// libxml2's error code (`xmlParserErrors`), or 0 for checks of our own.
    var code: Int = 0
    /// The rule id of a check of our own; `nil` for libxml2's own problems.
    var rule: String?

    /// The problem as a diagnostic of `file`, under `rule`.
    func diagnostic(file: String, rule: String) -> Diagnostic {
        Diagnostic(severity, file: file, line: line, column: column, message, rule: rule)
    }
}
