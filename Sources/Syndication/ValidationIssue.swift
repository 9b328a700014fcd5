public import XMLKit

/// A problem a validator found in a feed or sitemap.
public struct ValidationIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a problem is.
    public typealias Severity = XMLDiagnostic.Severity

    /// How serious the problem is.
    public var severity: Severity
    /// A stable identifier of the rule that was broken, such as `atom-schema` or `atom-id-unique`.
    public var rule: String
    /// What is wrong, in one sentence.
    public var message: String
    /// The 1-based line, or 0 when unknown.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int

    /// Creates an issue.
    public init(severity: Severity = .error, rule: String, message: String, line: Int, column: Int = 0) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column
    }

    /// An issue carrying a libxml2 diagnostic under a rule name.
    init(_ diagnostic: XMLDiagnostic, rule: String) {
        self.init(
            severity: diagnostic.severity, rule: rule, message: diagnostic.message,
            line: diagnostic.line, column: diagnostic.column)
    }

    /// Issues sorted by line, then column, then rule, so output is stable.
    static func inDocumentOrder(_ issues: [ValidationIssue]) -> [ValidationIssue] {
        issues.enumerated().sorted { lhs, rhs in
            (lhs.element.line, lhs.element.column, lhs.offset) < (rhs.element.line, rhs.element.column, rhs.offset)
        }.map(\.element)
    }

    public var description: String {
        let position = column > 0 ? "\(line):\(column)" : "\(line)"
        return "\(position): \(severity.rawValue): [\(rule)] \(message)"
    }
}
