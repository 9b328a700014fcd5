/// A problem found while building or validating, located in a file the user can open.
///
/// The one diagnostic type of every stage: reading content, rendering, and validating pages,
/// feeds and sitemaps, in a build or in `build-site validate`. Printed as
/// `public/posts/a/index.html:12:5: warning: [links] broken link: … (made from content/posts/a.md)`,
/// which editors and terminals recognise as a link to the place.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// Worth fixing; the build still publishes and `validate` still exits 0.
        case warning
        /// The build publishes nothing; `validate` exits 1.
        case error
    }

    /// How serious the problem is.
    public var severity: Severity
    /// The file at fault, relative to the site folder (or the output folder for output files),
    /// or as the user named it to `validate`.
    public var file: String
    /// The 1-based line, or 0 when the whole file is meant.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int
    /// What is wrong and, where it helps, how to fix it.
    public var message: String
    /// The stable identifier of the check that found it (`atom-id-absolute`, `links`, `html`),
    /// listed in the README; `nil` for problems reading the site's own input files.
    public var rule: String?
    /// The content file an output file was made from (`content/posts/a.md`), when the problem
    /// is in an output file and comes from there.
    public var origin: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, file: String, line: Int = 0, column: Int = 0, _ message: String, rule: String? = nil,
        origin: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.rule = rule
        self.origin = origin
    }

    /// An error at a place.
    public static func error(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message)
    }

    /// A warning at a place.
    public static func warning(_ file: String, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message)
    }

    /// The same problem, said of `file`.
    public func `in`(_ file: String) -> Diagnostic {
        var moved = self
        moved.file = file
        return moved
    }

    /// Diagnostics sorted by line, then column, keeping the order of those at one place, so
    /// output is stable.
    public static func inDocumentOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            (lhs.element.line, lhs.element.column, lhs.offset) < (rhs.element.line, rhs.element.column, rhs.offset)
        }.map(\.element)
    }

    /// `file:line:column`, leaving out what is unknown.
    public var place: String {
        var place = file
        if line > 0 { place += place.isEmpty ? "\(line)" : ":\(line)" }
        if line > 0 && column > 0 { place += ":\(column)" }
        return place
    }

    public var description: String {
        let rule = self.rule.map { "[\($0)] " } ?? ""
        let origin = self.origin.map { " (made from \($0))" } ?? ""
        return "\(place): \(severity.rawValue): \(rule)\(message)\(origin)"
    }
}
