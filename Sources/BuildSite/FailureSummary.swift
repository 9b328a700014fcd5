import GazetteCore

/// The one line a failed build ends with: how many errors of each kind, and the setting that
/// would make the tunable kinds warnings.
enum FailureSummary {
    /// Settings in `site.yml` that downgrade a kind of error.
    private static let settings = ["links": "validation.links", "html": "validation.html"]

    static func line(_ diagnostics: [Diagnostic], output: String) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        var line = "build failed with \(plural(errors.count, "error"))"
        let tunable = Dictionary(
            grouping: errors.compactMap { $0.rule.map { $0.hasPrefix("html") ? "html" : $0 } }.filter {
                settings[$0] != nil
            },
            by: { $0 }
        ).sorted { $0.key < $1.key }
        if !tunable.isEmpty {
            let parts = tunable.map { rule, found in
                "\(plural(found.count, rule == "links" ? "broken link" : "page markup error")) "
                    + "(\(settings[rule] ?? rule): warning in site.yml would let them through)"
            }
            line += ", " + parts.joined(separator: ", ")
        }
        return line + "; \(output)/ was left as it was"
    }
}
