import GazetteCore

/// Rewrites the URLs in raw HTML that a Markdown writer typed (`<a href="/posts/">`,
/// `<img src="a.png" srcset="a.png 1x, b.png 2x">`), which cmark-gfm passes through as text:
/// the same rewrite Markdown links get, so root links follow a site's base path and links to
/// other articles' source files reach their pages.
enum RawHTMLLinks {
    /// `literal` with the value of every attribute that holds URLs (`HTMLURLAttributes`) passed
    /// through `rewrite` (unchanged where it returns `nil`).
    static func rewriting(_ literal: String, _ rewrite: (String) -> String?) -> String {
        guard literal.contains("=") else { return literal }
        let attribute = /(\s([A-Za-z][A-Za-z0-9:-]*)\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/
        return literal.replacing(attribute) { match in
            let (prefix, name, quoted) = (match.output.1, String(match.output.2), match.output.3)
            let value = String(match.output.4 ?? match.output.5 ?? match.output.6 ?? "")
            guard let rewritten = HTMLURLAttributes.rewriting(name, value: value, { rewrite($0) ?? $0 }),
                rewritten != value
            else { return String(match.output.0) }
            let quote = quoted.first == "'" ? "'" : "\""
            return prefix + quote + rewritten + quote
        }
    }
}
