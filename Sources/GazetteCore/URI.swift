/// Small, allocation-free checks on URI references (RFC 3986).
public enum URI {
    /// Whether `reference` starts with a scheme (`https:`, `tag:`, `urn:`): an absolute URI.
    public static func isAbsolute(_ reference: String) -> Bool {
        var bytes = reference.utf8.makeIterator()
        guard let first = bytes.next(), isLetter(first) else { return false }
        while let byte = bytes.next() {
            if byte == UInt8(ascii: ":") { return true }
            guard isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "+-.".utf8.contains(byte)
            else { return false }
        }
        return false
    }

    /// The first character that cannot stand in an IRI reference as written (RFC 3987 §2.2:
    /// white space, controls, `<>"{}|\^` and the backtick, or a `%` not followed by two hex
    /// digits); `nil` when the reference is well formed in that respect. Such characters must
    /// be percent-encoded.
    public static func firstForbiddenCharacter(in reference: String) -> Character? {
        let forbidden = Set("<>\"{}|\\^`".unicodeScalars)
        var scalars = reference.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || forbidden.contains(scalar)
            {
                return Character(scalar)
            }
            if scalar == "%" {
                let digits = [scalars.next(), scalars.next()]
                guard digits.allSatisfy({ $0.map { $0.properties.isASCIIHexDigit } ?? false }) else { return "%" }
            }
        }
        return nil
    }

    /// `text` with every byte but RFC 3986's unreserved characters percent-encoded, to stand
    /// as one query value or path segment (`https://a.org/f?x=1` → `https%3A%2F%2Fa.org%2Ff%3Fx%3D1`).
    public static func percentEncodingComponent(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            if isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-._~".utf8.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(hex[Int(byte >> 4)])
                encoded.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// Whether `byte` ends a URL's authority: `/`, `?` or `#`.
    private static func endsAuthority(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || endsPath(byte)
    }

    /// Whether `byte` ends a URL's path: `?` or `#`.
    private static func endsPath(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    /// Whether a browser would run `reference` as script (`javascript:`, `vbscript:`, or a
    /// `data:` URL that is not an image), however it is spaced or cased.
    public static func runsScript(_ reference: String) -> Bool {
        let squeezed = String(reference.unicodeScalars.filter { $0.value > 0x20 }).lowercased()
        if squeezed.hasPrefix("data:") {
            return !squeezed.hasPrefix("data:image/") || squeezed.hasPrefix("data:image/svg")
        }
        return squeezed.hasPrefix("javascript:") || squeezed.hasPrefix("vbscript:")
    }

    /// The scheme and authority of an absolute `http`/`https` URL (`https://example.org`),
    /// without a trailing slash; `nil` for anything else.
    public static func origin(of url: String) -> String? {
        guard let schemeEnd = url.firstByteRange(of: "://") else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        return String(url[..<(afterScheme.utf8.firstIndex(where: endsAuthority) ?? afterScheme.endIndex)])
    }

    /// Resolves a reference against an absolute base URL, as a browser would (RFC 3986 §5.2),
    /// for the `http`/`https` URLs a site has. Absolute references and `mailto:` and friends
    /// come back unchanged.
    public static func resolve(_ reference: String, against base: String) -> String {
        if isAbsolute(reference) { return reference }
        guard let schemeEnd = base.firstByteRange(of: "://") else { return reference }
        let afterScheme = base[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.utf8.firstIndex(where: endsAuthority) ?? afterScheme.endIndex
        let origin = base[..<authorityEnd]
        let basePath = base[authorityEnd..<(base[authorityEnd...].utf8.firstIndex(where: endsPath) ?? base.endIndex)]
        let withoutFragment = base[..<(base.utf8.firstIndex(of: UInt8(ascii: "#")) ?? base.endIndex)]
        if reference.hasPrefix("//") { return String(base[..<schemeEnd.lowerBound]) + ":" + reference }
        if reference.isEmpty { return String(withoutFragment) }
        if reference.hasPrefix("#") { return withoutFragment + reference }
        if reference.hasPrefix("?") { return origin + (basePath.isEmpty ? "/" : basePath) + reference }
        let suffixStart = reference.utf8.firstIndex(where: endsPath) ?? reference.endIndex
        let path = reference[..<suffixStart]
        let merged: String
        if path.hasPrefix("/") {
            merged = String(path)
        } else {
            let directory =
                basePath.isEmpty
                ? "/" : basePath[...(basePath.utf8.lastIndex(of: UInt8(ascii: "/")) ?? basePath.startIndex)]
            merged = String(directory + path)
        }
        return origin + removeDotSegments(merged) + reference[suffixStart...]
    }

    /// RFC 3986 §5.2.4 on an absolute path.
    static func removeDotSegments(_ path: String) -> String {
        // Without "/." no segment is "." or "..": the path is its own result.
        if path.hasPrefix("/"), path.firstByteRange(of: "/.") == nil { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}
