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
        // ASCII text, nearly every heading, is done on bytes, to the same result.
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiSlug(text.utf8) : slugByCharacters(text)
    }

    /// `slug(_:)` character by character, as it is made of text outside ASCII.
    static func slugByCharacters(_ text: String) -> String {
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

    /// `slug(_:)` of ASCII text: letters lower-cased, digits, `-` and `_` kept, each white
    /// space (a `\r\n` pair being one character) a hyphen, the rest dropped.
    private static func asciiSlug(_ bytes: String.UTF8View) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(bytes.count)
        var previous: UInt8 = 0
        for byte in bytes {
            defer { previous = byte }
            let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            {
                slug.append(lower)
            } else if byte.isASCIIWhitespace, !(byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r")) {
                slug.append(UInt8(ascii: "-"))
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }
}
