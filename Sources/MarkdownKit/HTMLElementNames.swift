/// The element names of HTML, so raw HTML in Markdown can be told from prose that only looks
/// like a tag (`“<tags>” are useful`).
enum HTMLElementNames {
    /// Every element of the HTML Living Standard, and the SVG and MathML roots.
    static let known: Set<String> = [
        "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body",
        "br", "button", "canvas", "caption", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del",
        "details", "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img",
        "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark", "menu", "meta", "meter", "nav",
        "noscript", "object", "ol", "optgroup", "option", "output", "p", "picture", "pre", "progress", "q", "rp",
        "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small", "source", "span",
        "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
        "thead", "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr", "svg", "math",
        // Obsolete but still written, and still parsed by browsers.
        "center", "font", "big", "tt", "strike", "acronym",
    ]

    /// The element name of an inline raw HTML tag (`<span class="x">`, `</em>`), lower-cased;
    /// `nil` for comments, declarations and processing instructions.
    static func name(ofTag tag: String) -> String? {
        var characters = Substring(tag)
        guard characters.first == "<" else { return nil }
        characters = characters.dropFirst()
        if characters.first == "/" { characters = characters.dropFirst() }
        let name = characters.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        return name.isEmpty ? nil : name.lowercased()
    }

    /// Whether a raw inline tag is markup a browser would act on: a known element, or a custom
    /// element (its name holds a hyphen).
    static func isMarkup(_ tag: String) -> Bool {
        guard let name = name(ofTag: tag) else { return true }
        return known.contains(name) || name.contains("-")
    }
}
