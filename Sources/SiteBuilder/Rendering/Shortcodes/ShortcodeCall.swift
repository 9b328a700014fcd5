import GazetteCore

/// A call of another generator's template syntax found in an article body: a Hugo shortcode,
/// a Zola shortcode or a Jekyll Liquid tag.
struct ShortcodeCall: Sendable, Hashable {
    /// Whose syntax the call is written in.
    enum Syntax: String, Sendable, Hashable {
        case hugo
        case zola
        case jekyll
    }

    let syntax: Syntax
    let name: String
    /// Arguments without a name, in order (`{{< youtube abc >}}`).
    let positional: [String]
    /// Arguments with a name (`{{< figure src="a.png" >}}`, `{{ youtube(id="abc") }}`).
    let named: [String: String]
    /// The text between an opening and a closing call, for calls that have one.
    let body: String?

    /// A named argument, else the positional one at `index`.
    func argument(_ name: String, at index: Int? = nil) -> String? {
        named[name] ?? index.flatMap { positional.indices.contains($0) ? positional[$0] : nil }
    }

    /// Splits Hugo and Liquid arguments: words separated by white space, `"…"`, `'…'` or
    /// `` `…` `` quoted, and `key=value` pairs.
    static func splitArguments(_ text: String) -> (positional: [String], named: [String: String]) {
        var positional: [String] = []
        var named: [String: String] = [:]
        var characters = Substring(text)
        while true {
            characters = characters.drop { $0.isWhitespace }
            guard !characters.isEmpty else { break }
            var key: String?
            if let equals = characters.firstIndex(of: "="),
                let firstSpace = characters.firstIndex(where: \.isWhitespace) ?? Optional(characters.endIndex),
                equals < firstSpace, !characters[..<equals].contains(where: { "\"'`".contains($0) })
            {
                key = String(characters[..<equals])
                characters = characters[characters.index(after: equals)...]
            }
            let value: String
            if let quote = characters.first, "\"'`".contains(quote) {
                let rest = characters.dropFirst()
                let end = rest.firstIndex(of: quote) ?? rest.endIndex
                value = String(rest[..<end])
                characters = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
            } else {
                let end = characters.firstIndex(where: \.isWhitespace) ?? characters.endIndex
                value = String(characters[..<end])
                characters = characters[end...]
            }
            if let key { named[key] = value } else { positional.append(value) }
        }
        return (positional, named)
    }

    /// Splits Zola arguments: `k="v", n=1, b=true` (named only).
    static func splitZolaArguments(_ text: String) -> [String: String] {
        var named: [String: String] = [:]
        var characters = Substring(text)
        while let equals = characters.firstIndex(of: "=") {
            let key = characters[..<equals].trimmingCharacters(in: " ,\n\t")
            var rest = characters[characters.index(after: equals)...].drop { $0 == " " }
            let value: String
            if let quote = rest.first, "\"'`".contains(quote) {
                rest = rest.dropFirst()
                let end = rest.firstIndex(of: quote) ?? rest.endIndex
                value = String(rest[..<end])
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: " \n\t")
                rest = rest[end...]
            }
            named[key] = value
            characters = rest
        }
        return named
    }
}
