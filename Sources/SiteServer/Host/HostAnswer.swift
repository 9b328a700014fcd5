import GazetteCore
import SiteModel

/// What the host answers to one request, whatever carries it: the status, the headers, and
/// the body — nothing, a short text, or part of an open file.
struct HostAnswer {
    /// The body of an answer.
    enum Body {
        case none
        case text(String)
        /// These bytes of the file (read from its descriptor, or sent from it by the kernel).
        case file(HostedFile, ClosedRange<Int>)
    }

    var status: Int
    var headers: [(String, String)]
    var body: Body

    /// The answer to a request for `target` with `method`, headers read through `header`, from
    /// the folder at `folder` as it is now, through `cache`.
    static func to(
        method: String, target: String, header: (String) -> String?, folder: String, cache: OpenFileCache
    ) -> HostAnswer {
        guard method == "GET" || method == "HEAD" else {
            return text(405, "Method not allowed\n", extra: [("Allow", "GET, HEAD")], method: method)
        }
        let pathPart = String(target.prefix { $0 != "?" && $0 != "#" })
        let query = target.firstIndex(of: "?").map { String(target[$0...]) } ?? ""
        guard let path = RequestPath.normalize(pathPart) else {
            return text(400, "Bad request: the path leaves the site.\n", method: method)
        }
        // The folder as it is now: a build that replaced it since the last request is served
        // from here on, while requests already answering keep their open files.
        guard let tree = cache.files(in: folder) else {
            return text(503, "The site has not been built yet.\n", method: method)
        }
        let filePath = SitePaths.outputFile(for: path)
        if let file = tree.file(filePath) {
            return serve(file, path: filePath, tree: tree, status: 200, method: method, header: header)
        }
        if !path.hasSuffix("/"), tree.isFolder(String(path.dropFirst())) {
            return HostAnswer(
                status: 301, headers: secured([("Location", pathPart + "/" + query), ("Content-Length", "0")]),
                body: .none)
        }
        let notFoundPath = SitePaths.outputFile(for: SitePaths.notFound)
        if let notFound = tree.file(notFoundPath) {
            return serve(notFound, path: notFoundPath, tree: tree, status: 404, method: method, header: header)
        }
        return text(404, "Not found\n", method: method)
    }

    private static func serve(
        _ file: HostedFile, path: String, tree: RequestFiles, status: Int, method: String, header: (String) -> String?
    ) -> HostAnswer {
        let contentType = HostPolicy.contentType(of: path)
        var headers = [("Content-Type", contentType), ("Cache-Control", HostPolicy.cacheControl(of: path))]
        // A precompressed twin written by the build (`host.compress: true`) is sent to clients
        // that take gzip; the `Vary` header keeps caches from mixing the two.
        var body = file
        if HostPolicy.isCompressible(contentType), let gzipped = tree.file(path + ".gz") {
            headers.append(("Vary", "Accept-Encoding"))
            if acceptsGzip(header("accept-encoding")) {
                body = gzipped
                headers.append(("Content-Encoding", "gzip"))
            }
        }
        guard status == 200 else { return answer(status, headers, body, range: nil, method: method) }
        headers += [
            ("ETag", body.entityTag), ("Last-Modified", body.lastModified), ("Accept-Ranges", "bytes"),
        ]
        if let tags = header("if-none-match") {
            if tags == "*" || tags.split(separator: ",").contains(where: { $0.trimmingWhitespace() == body.entityTag })
            {
                return HostAnswer(status: 304, headers: secured(headers), body: .none)
            }
        } else if let since = header("if-modified-since").flatMap(HTTPDate.parse), body.modified <= since {
            return HostAnswer(status: 304, headers: secured(headers), body: .none)
        }
        switch ByteRange.parse(header("range"), size: body.size) {
        case .whole:
            return answer(200, headers, body, range: nil, method: method)
        case .part(let range):
            headers.append(("Content-Range", "bytes \(range.lowerBound)-\(range.upperBound)/\(body.size)"))
            return answer(206, headers, body, range: range, method: method)
        case .unsatisfiable:
            headers.append(("Content-Range", "bytes */\(body.size)"))
            return answer(416, headers, nil, range: nil, method: method)
        }
    }

    /// An answer with `file`'s bytes, or those of `range`; only the length for HEAD.
    private static func answer(
        _ status: Int, _ headers: [(String, String)], _ file: HostedFile?, range: ClosedRange<Int>?, method: String
    ) -> HostAnswer {
        let span = file.flatMap { file in file.size == 0 ? nil : range ?? 0...(file.size - 1) }
        let all = secured(headers + [("Content-Length", String(span?.count ?? 0))])
        guard let file, let span, method == "GET" else { return HostAnswer(status: status, headers: all, body: .none) }
        return HostAnswer(status: status, headers: all, body: .file(file, span))
    }

    private static func text(_ status: Int, _ text: String, extra: [(String, String)] = [], method: String)
        -> HostAnswer
    {
        HostAnswer(
            status: status,
            headers: secured(
                extra + [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(text.utf8.count))]),
            body: method == "HEAD" ? .none : .text(text))
    }

    /// `headers` with the security headers every answer carries.
    private static func secured(_ headers: [(String, String)]) -> [(String, String)] {
        headers + HostPolicy.securityHeaders
    }

    /// Whether an `Accept-Encoding` header takes gzip (and does not refuse it with `q=0`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { coding in
            let parts = coding.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }
}

/// HTTP dates (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    static func format(_ seconds: Int) -> String {
        let rfc822 = Timestamp(secondsSinceEpoch: Int64(seconds)).rfc822
        return rfc822.hasSuffix(" +0000") ? String(rfc822.dropLast(5)) + "GMT" : rfc822
    }

    /// Seconds since 1970 of an HTTP date; `nil` for anything else.
    static func parse(_ text: String) -> Int? {
        Timestamp.parseRFC822(text).map { Int($0.secondsSinceEpoch) }
    }
}
