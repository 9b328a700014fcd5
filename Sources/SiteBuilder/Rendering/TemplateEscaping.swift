import Mustache

/// How `{{ value }}` is escaped in templates: the characters swift-mustache escapes (`<`, `>`,
/// `&`, `"`, `'`, as `&lt;` `&gt;` `&amp;` `&quot;` `&#39;`), found byte by byte.
///
/// swift-mustache's own HTML escaping looks every character of every value up in a dictionary,
/// which was a tenth of a build's rendering time. It also passes a `<` that a combining mark
/// follows (`<\u{338}`) through unescaped; this one escapes it.
struct TemplateEscaping: MustacheContentType {
    /// The name templates are parsed with, through the pragma in `pragma`.
    private static let name = "GAZETTE_HTML"

    /// The line put before every template's text so it renders with this escaping; a pragma
    /// alone on its line leaves no trace in the output. Parse errors' line numbers are one more
    /// than the template's own.
    static let pragma: String = {
        MustacheContentTypes.register(TemplateEscaping(), named: name)
        return "{{% CONTENT_TYPE: \(name) }}\n"
    }()

    func escapeText(_ text: String) -> String {
        let special = text.utf8.contains {
            $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"")
                || $0 == UInt8(ascii: "'")
        }
        guard special else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): escaped += "&lt;".utf8
            case UInt8(ascii: ">"): escaped += "&gt;".utf8
            case UInt8(ascii: "&"): escaped += "&amp;".utf8
            case UInt8(ascii: "\""): escaped += "&quot;".utf8
            case UInt8(ascii: "'"): escaped += "&#39;".utf8
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
