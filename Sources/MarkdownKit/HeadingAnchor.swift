import GazetteCore

/// Heading `id`s and the `#` links that point at them.
public enum HeadingAnchor {
    /// The class of the `#` link inside each heading.
    public static let linkClass = "heading-anchor"

    /// The link a heading carries to itself: a convenience for the mouse, hidden from
    /// assistive technology and left out of the tab order, so the heading's accessible name
    /// stays its text and screen readers move by headings as they do.
    static func link(to id: String) -> String {
        " <a class=\"\(linkClass)\" href=\"#\(id)\" aria-hidden=\"true\" tabindex=\"-1\">#</a>"
    }

    /// `html` without the heading self-links, for places where they mean nothing (feeds).
    public static func removingLinks(from html: String) -> String {
        let marker = " <a class=\"\(linkClass)\" href=\"#"
        guard html.containsBytes(marker) else { return html }
        var result = ""
        var rest = Substring(html)
        while let start = rest.firstByteRange(of: marker) {
            result += rest[..<start.lowerBound]
            let tail = rest[start.upperBound...]
            guard let end = tail.firstByteRange(of: "\">#</a>") else { return html }
            rest = tail[end.upperBound...]
        }
        return result + rest
    }

    /// Makes an `id` the way GitHub does: lower-cased text, spaces as hyphens, punctuation
    /// dropped, letters of every script kept.
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character.isWhitespace {
                slug.append("-")
            }
        }
        return slug
    }
}
