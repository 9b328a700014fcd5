import GazetteCore

/// What the host says about each file: its media type and how long it may be cached.
enum HostPolicy {
    /// The media type of the file at `path` (a path of the output folder): feeds by their
    /// registered types, text with its charset.
    static func contentType(of path: String) -> String {
        let name = fileName(of: path)
        switch name {
        case "feed.xml": return "application/atom+xml; charset=utf-8"
        case "rss.xml": return "application/rss+xml; charset=utf-8"
        case "feed.json": return "application/feed+json; charset=utf-8"
        default: break
        }
        return MediaTypes.of(name)
    }

    /// The last component of `path`.
    private static func fileName(of path: String) -> Substring {
        path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
    }

    /// `Cache-Control` for the file at `path`: a year and immutable for fingerprinted assets
    /// (`style.3f2a9c1b.css`), five minutes for pages and feeds, which change with every
    /// build, an hour for other files.
    static func cacheControl(of path: String) -> String {
        let name = fileName(of: path)
        if isFingerprinted(name) { return "public, max-age=31536000, immutable" }
        if path.hasSuffix(".html") || path.hasSuffix("/") || name == "feed.xml" || name == "rss.xml"
            || name == "feed.json" || path.hasSuffix(".xml")
        {
            return "public, max-age=300"
        }
        return "public, max-age=3600"
    }

    /// Whether a file name carries a content hash: a part of 8 or more hexadecimal digits
    /// between dots or hyphens (`app.3f2a9c1b.js`, `logo-5d41402abc4b2a76.png`).
    static func isFingerprinted(_ name: Substring) -> Bool {
        let parts = name.split(whereSeparator: { $0 == "." || $0 == "-" }).dropLast()
        return parts.contains { $0.count >= 8 && $0.allSatisfy(\.isHexDigit) && $0.contains(where: \.isNumber) }
    }

    /// Whether a `.gz` beside a file of this type is worth looking for.
    static func isCompressible(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/") || contentType.containsBytes("xml") || contentType.containsBytes("json")
            || contentType.hasPrefix("image/svg") || contentType.hasPrefix("application/javascript")
    }

    /// Headers every response carries. The Content Security Policy allows what the default
    /// theme and Markdown content use: the site's own scripts and styles, inline style
    /// attributes (table alignment), images and media from anywhere over HTTPS, embedded frames.
    static let securityHeaders: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        (
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
                + "media-src 'self' https:; frame-src https:; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'self'"
        ),
    ]
}
