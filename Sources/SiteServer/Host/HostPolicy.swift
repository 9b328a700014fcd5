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
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        let pathExtension = name[name.index(after: dot)...]
        return mediaTypes[String(pathExtension)] ?? mediaTypes[pathExtension.lowercased()] ?? "application/octet-stream"
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
        contentType.hasPrefix("text/") || contentType.contains("xml") || contentType.contains("json")
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

    private static let mediaTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "json": "application/json; charset=utf-8", "xml": "application/xml; charset=utf-8",
        "xsl": "application/xslt+xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml; charset=utf-8", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "pdf": "application/pdf", "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg", "ogg": "audio/ogg", "m4a": "audio/mp4",
        "wasm": "application/wasm", "zip": "application/zip", "gz": "application/gzip",
    ]
}
