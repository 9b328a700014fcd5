/// Small, allocation-free checks on URI references (RFC 3986).
public enum URI {
    /// Whether `reference` starts with a scheme (`https:`, `tag:`, `urn:`): an absolute URI.
    public static func isAbsolute(_ reference: String) -> Bool {
        guard let colon = reference.firstIndex(of: ":"), colon != reference.startIndex else { return false }
        let scheme = reference[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
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
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        return String(url[..<authorityEnd])
    }

    /// Resolves a reference against an absolute base URL, as a browser would (RFC 3986 §5.2),
    /// for the `http`/`https` URLs a site has. Absolute references and `mailto:` and friends
    /// come back unchanged.
    public static func resolve(_ reference: String, against base: String) -> String {
        if isAbsolute(reference) { return reference }
        guard let schemeEnd = base.firstRange(of: "://"), let origin = origin(of: base) else { return reference }
        let afterScheme = base[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        let basePath = String(afterScheme[authorityEnd...].prefix { $0 != "?" && $0 != "#" })
        if reference.hasPrefix("//") { return String(base[..<schemeEnd.lowerBound]) + ":" + reference }
        if reference.isEmpty { return String(base.prefix { $0 != "#" }) }
        if reference.hasPrefix("#") { return String(base.prefix { $0 != "#" }) + reference }
        if reference.hasPrefix("?") { return origin + (basePath.isEmpty ? "/" : basePath) + reference }
        let (path, suffix) = splitSuffix(reference)
        let merged: String
        if path.hasPrefix("/") {
            merged = path
        } else {
            let directory =
                basePath.isEmpty ? "/" : String(basePath[...(basePath.lastIndex(of: "/") ?? basePath.startIndex)])
            merged = directory + path
        }
        return origin + removeDotSegments(merged) + suffix
    }

    /// Splits `a/b?q#f` into `a/b` and `?q#f`.
    private static func splitSuffix(_ reference: String) -> (String, String) {
        guard let index = reference.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return (reference, "") }
        return (String(reference[..<index]), String(reference[index...]))
    }

    /// RFC 3986 §5.2.4 on an absolute path.
    static func removeDotSegments(_ path: String) -> String {
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
