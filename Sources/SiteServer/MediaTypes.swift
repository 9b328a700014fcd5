/// Media types by file extension, for the files both servers send.
enum MediaTypes {
    /// The media type of the file at `path` by its name's extension (`assets/style.css` →
    /// `text/css; charset=utf-8`); `application/octet-stream` for an extension not known here.
    static func of(_ path: some StringProtocol) -> String {
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        let pathExtension = name[name.index(after: dot)...]
        return byExtension[String(pathExtension)] ?? byExtension[pathExtension.lowercased()]
            ?? "application/octet-stream"
    }

    private static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "json": "application/json; charset=utf-8", "xml": "application/xml; charset=utf-8",
        "xsl": "application/xslt+xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "pdf": "application/pdf", "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg", "ogg": "audio/ogg", "m4a": "audio/mp4",
        "wasm": "application/wasm", "zip": "application/zip", "gz": "application/gzip",
    ]
}
