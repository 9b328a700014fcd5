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
        guard !text.unicodeScalars.allSatisfy(isAllowed) else { return (text, 0) }
        var kept = String.UnicodeScalarView()
        var removed = 0
        for scalar in text.unicodeScalars {
            if isAllowed(scalar) { kept.append(scalar) } else { removed += 1 }
        }
        return (String(kept), removed)
    }

    /// Escapes text for an element's content or a double-quoted attribute value.
    ///
    /// `&`, `<`, `>` and `"` become entity references; `\r` becomes `&#13;` so it survives
    /// line-end normalization. Forbidden characters must already be gone.
    public static func escape(_ text: String) -> String {
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
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\r": escaped += "&#13;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
