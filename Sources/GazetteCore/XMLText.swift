/// Escaping and cleaning of text bound for an XML document.
public enum XMLText {
    /// Whether XML 1.0 allows this character at all (its `Char` production).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The text without the characters XML forbids, and how many were removed.
    public static func removingForbiddenCharacters(_ text: String) -> (text: String, removed: Int) {
        guard holdsForbiddenCharacters(text) else { return (text, 0) }
        var kept = String.UnicodeScalarView()
        var removed = 0
        for scalar in text.unicodeScalars {
            if isAllowed(scalar) { kept.append(scalar) } else { removed += 1 }
        }
        return (String(kept), removed)
    }

    /// Whether `text` holds a character XML forbids, found on its UTF-8 bytes: a control
    /// character other than tab, line feed and carriage return (one byte below 0x20), or
    /// U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`). Surrogates cannot occur in a Swift string.
    private static func holdsForbiddenCharacters(_ text: String) -> Bool {
        var text = text
        // Asked of every article's whole text: a loop over the bytes in place, where a byte
        // below 0x20, or 0xBE or 0xBF, is the rare case that needs a closer look.
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 {
                    if byte != 0x9, byte != 0xA, byte != 0xD { return true }
                } else if byte >= 0xBE, byte <= 0xBF, index >= 2, bytes[index - 1] == 0xBF, bytes[index - 2] == 0xEF {
                    return true
                }
            }
            return false
        }
    }

    /// Escapes text for an element's content or a double-quoted attribute value.
    ///
    /// `&`, `<`, `>` and `"` become entity references; `\r` becomes `&#13;` so it survives
    /// line-end normalization. Forbidden characters must already be gone.
    /// - Parameter characterReferences: Write `&` and `<` as `&#x26;` and `&#x3C;`, as the W3C
    ///   Feed Validator recommends for plain text in feeds: a reader that wrongly decodes a
    ///   title as HTML still shows the character, never an entity name.
    public static func escape(_ text: String, characterReferences: Bool = false) -> String {
        // Most text has nothing to escape; finding that out byte by byte is cheap.
        guard
            text.utf8.contains(where: {
                $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                    || $0 == UInt8(ascii: "\"") || $0 == 13
            })
        else {
            return text
        }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += characterReferences ? "&#x26;" : "&amp;"
            case "<": escaped += characterReferences ? "&#x3C;" : "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\r": escaped += "&#13;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
