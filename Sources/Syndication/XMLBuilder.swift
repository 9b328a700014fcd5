import GazetteCore

/// Writes an indented XML document, escaping every string and dropping the characters XML
/// forbids (each drop is recorded so the caller can warn about it).
struct XMLBuilder {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    /// Where characters were dropped: one label per string that lost any.
    private(set) var droppedCharacters: [String] = []
    private var depth = 0
    /// Names the entry or field being written, for warnings.
    var context = ""
    /// Whether `&` and `<` in plain text are written as character references (`&#x26;`,
    /// `&#x3C;`), as the W3C Feed Validator recommends for feeds; sitemaps.org asks for the
    /// entity references instead.
    var characterReferencesInText = true

    /// Adds an `xml-stylesheet` processing instruction for an XSLT stylesheet, if one is given.
    mutating func stylesheet(_ url: String?) {
        guard let url else { return }
        text += "<?xml-stylesheet type=\"text/xsl\" href=\"\(clean(url, field: "stylesheet"))\"?>\n"
    }

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        line("<\(name)\(attributeText(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// An element holding text; nothing is written when `content` is `nil`.
    /// - Parameter html: Whether `content` is HTML markup carried as text, whose `&` and `<`
    ///   are written as the usual entity references; in plain text (titles, names, summaries)
    ///   they are written as character references (`&#x26;`, `&#x3C;`).
    mutating func element(
        _ name: String, _ content: String?, _ attributes: KeyValuePairs<String, String?> = [:], html: Bool = false
    ) {
        guard let content else { return }
        let text = clean(content, field: name, characterReferences: characterReferencesInText && !html)
        line("<\(name)\(attributeText(attributes))>\(text)</\(name)>")
    }

    /// An element with attributes only.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String?>) {
        line("<\(name)\(attributeText(attributes))/>")
    }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    private mutating func attributeText(_ attributes: KeyValuePairs<String, String?>) -> String {
        var result = ""
        for (name, value) in attributes {
            guard let value else { continue }
            result += " \(name)=\"\(clean(value, field: name))\""
        }
        return result
    }

    private mutating func clean(_ value: String, field: String, characterReferences: Bool = false) -> String {
        let (kept, removed) = XMLText.removingForbiddenCharacters(value)
        if removed > 0 {
            droppedCharacters.append(
                "\(context.isEmpty ? "" : context + ": ")\(field) (\(removed) character\(removed == 1 ? "" : "s"))")
        }
        return XMLText.escape(kept, characterReferences: characterReferences)
    }
}
