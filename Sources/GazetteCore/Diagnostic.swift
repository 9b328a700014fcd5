/// A problem found while building, located in a file the user can open.
///
/// Printed as `content/posts/a.md:4: error: 'date' is not a date`, which editors and
/// terminals recognise as a link to the place.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case warning
        case error
    }

    /// How serious the problem is.
    public var severity: Severity
    /// The file at fault, relative to the site folder (or the output folder for output files).
    public var file: String
    /// The 1-based line, or 0 when the whole file is meant.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int
    /// What is wrong and, where it helps, how to fix it.
    public var message: String
    /// The kind of check that found it, when a setting can tune that kind (`links`, `html`).
    public var rule: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, file: String, line: Int = 0, column: Int = 0, _ message: String, rule: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.rule = rule
    }

    /// An error at a place.
    public static func error(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message)
    }

    /// A warning at a place.
    public static func warning(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message)
    }

    public var description: String {
        var place = file
        if line > 0 { place += ":\(line)" }
        if line > 0 && column > 0 { place += ":\(column)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}
