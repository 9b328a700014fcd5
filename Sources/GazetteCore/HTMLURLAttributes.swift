/// Which HTML attributes hold URLs, and how to pass them through a rewrite: the one rule both
/// the libxml2 rewriter of HTML fragments and the rewriter of raw HTML in Markdown follow.
public enum HTMLURLAttributes {
    /// Attributes whose whole value is one URL.
    public static let single: Set<String> = [
        "href", "src", "poster", "cite", "action", "longdesc", "background", "data",
    ]

    /// Whether attribute `name` holds URLs.
    public static func holdsURLs(_ name: String) -> Bool {
        let name = name.lowercased()
        return single.contains(name) || name == "srcset"
    }

    /// The value of attribute `name` with its URLs passed through `transform`; `nil` when the
    /// attribute holds no URL. `srcset` is a comma-separated list of `URL [descriptor]`
    /// candidates, each rewritten.
    public static func rewriting(_ name: String, value: String, _ transform: (String) -> String) -> String? {
        let name = name.lowercased()
        if single.contains(name) { return transform(value) }
        guard name == "srcset" else { return nil }
        return value.split(separator: ",").map { candidate in
            let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
            guard let url = parts.first else { return String(candidate) }
            return ([transform(String(url))] + parts.dropFirst().map(String.init)).joined(separator: " ")
        }.joined(separator: ", ")
    }
}
