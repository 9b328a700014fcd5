/// Rewrites the URLs in raw HTML that a Markdown writer typed (`<a href="/posts/">`,
/// `<img src="a.png" srcset="a.png 1x, b.png 2x">`), which cmark-gfm passes through as text:
/// the same rewrite Markdown links get, so root links follow a site's base path and links to
/// other articles' source files reach their pages.
enum RawHTMLLinks {
    /// `literal` with every URL attribute value passed through `rewrite` (unchanged where it
    /// returns `nil`).
    static func rewriting(_ literal: String, _ rewrite: (String) -> String?) -> String {
        guard literal.contains("=") else { return literal }
        let attribute = /(?i)(\s(?:href|src|poster|action|cite|data)\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/
        let sourceSet = /(?i)(\s(?:srcset)\s*=\s*)("([^"]*)"|'([^']*)')/
        var result = literal.replacing(attribute) { match in
            let (prefix, quoted) = (match.output.1, match.output.2)
            let value = String(match.output.3 ?? match.output.4 ?? match.output.5 ?? "")
            guard let rewritten = rewrite(value) else { return String(prefix + quoted) }
            let quote = quoted.first == "'" ? "'" : "\""
            return prefix + quote + rewritten + quote
        }
        result = result.replacing(sourceSet) { match in
            let value = String(match.output.3 ?? match.output.4 ?? "")
            let candidates = value.split(separator: ",").map { candidate in
                let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
                guard let url = parts.first else { return String(candidate) }
                return ([rewrite(String(url)) ?? String(url)] + parts.dropFirst().map(String.init)).joined(
                    separator: " ")
            }
            let quote = match.output.2.first == "'" ? "'" : "\""
            return match.output.1 + quote + candidates.joined(separator: ", ") + quote
        }
        return result
    }
}
