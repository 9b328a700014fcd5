import GazetteCore

extension Diagnostic {
    /// A problem a validator found at a place in the document it is reading; the document's
    /// name is filled in when the validator returns.
    init(severity: Severity = .error, rule: String, message: String, line: Int, column: Int = 0) {
        self.init(severity, file: "", line: line, column: column, message, rule: rule)
    }
}
