/// Builds `tag:` URIs (RFC 4151): identifiers that stay the same when a site moves, changes
/// scheme or redesigns, because they depend only on who minted them, when, and a name.
public enum TagURI {
    /// `tag:example.com,2024-03-01:/posts/hello/`.
    /// - Parameters:
    ///   - authority: A domain name the minter owned on `date` (lower-cased here), or an email address.
    ///   - date: The day the minter owned it, `YYYY-MM-DD`; the first-published date of an entry.
    ///   - specific: The part that makes the id unique, such as the article's path. Characters
    ///     outside RFC 4151's `pchar / "/" / "?"` are percent-encoded.
    public static func make(authority: String, date: String, specific: String) -> String {
        "tag:\(authority.lowercased()),\(date):\(encodeSpecific(specific))"
    }

    /// Whether `authority` is a usable tagging authority: a DNS name or an email address.
    public static func isValidAuthority(_ authority: String) -> Bool {
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    private static let unreserved = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?")

    private static func encodeSpecific(_ specific: String) -> String {
        var encoded = ""
        for character in specific {
            if unreserved.contains(character) {
                encoded.append(character)
            } else {
                for byte in String(character).utf8 { encoded += "%" + hex(byte) }
            }
        }
        return encoded
    }
}

/// Two upper-case hexadecimal digits.
package func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
