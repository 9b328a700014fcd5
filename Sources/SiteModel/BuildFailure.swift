public import GazetteCore

/// A build that stopped: every error found before stopping, in the order they were found.
public struct BuildFailure: Error, Sendable, Codable, CustomStringConvertible {
    /// The errors (and any warnings gathered with them).
    public let diagnostics: [Diagnostic]

    /// Creates a failure from diagnostics; at least one should be an error.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// A failure with a single error.
    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    /// Whether any element is an error.
    package var containsErrors: Bool { contains { $0.severity == .error } }
}
