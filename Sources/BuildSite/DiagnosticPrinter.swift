import ArgumentParser
import Foundation
import GazetteCore

/// How `build-site` and `build-site validate` print diagnostics: one printer for both.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    /// One line each, `file:line:column: severity: [rule] message`, as compilers print them.
    case text
    /// One JSON array of objects with `severity`, `rule`, `file`, `line`, `column`, `message`
    /// and, for output files, `origin`, for editors and CI.
    case json

    /// The diagnostics printed in this format.
    func render(_ diagnostics: [Diagnostic]) -> String {
        switch self {
        case .text:
            return diagnostics.map(\.description).joined(separator: "\n")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(diagnostics)) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }
}
