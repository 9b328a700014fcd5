import Foundation
import GazetteCore
import HTTPTypes
import Hummingbird
import NIOCore
import SiteModel

/// Answers requests from the files of a published output folder, as a production server must:
/// conditional requests, ranges, precompressed files, the site's 404 page, and nothing from
/// outside the folder.
struct HostResponder: HTTPResponder {
    typealias Context = HostRequestContext
    let host: StaticHost

    /// Bodies up to this size are read at once; larger ones are streamed in chunks this size.
    private static let chunk = 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        let response = answer(request)
        host.log(request: request, response: response, remote: context.remoteAddress)
        return response
    }

    private func answer(_ request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "Method not allowed\n", extra: [.allow: "GET, HEAD"], request: request)
        }
        guard let path = RequestPath.normalize(request.uri.path) else {
            return plain(.badRequest, "Bad request: the path leaves the site.\n", request: request)
        }
        // The folder as it is now: a build that replaced it since the last request is served
        // from here on, while requests already answering keep their open files.
        guard let tree = HostedTree(host.configuration.folder.path) else {
            return plain(.serviceUnavailable, "The site has not been built yet.\n", request: request)
        }
        let filePath = SitePaths.outputFile(for: path)
        if let file = tree.file(filePath) {
            return serve(file, path: filePath, tree: tree, status: .ok, request: request)
        }
        if !path.hasSuffix("/"), tree.isFolder(String(path.dropFirst())) {
            return Response(
                status: .movedPermanently,
                headers: headers([.location: request.uri.path + "/" + (request.uri.query.map { "?" + $0 } ?? "")]))
        }
        let notFoundPath = SitePaths.outputFile(for: SitePaths.notFound)
        if let notFound = tree.file(notFoundPath) {
            return serve(notFound, path: notFoundPath, tree: tree, status: .notFound, request: request)
        }
        return plain(.notFound, "Not found\n", request: request)
    }

    private func serve(
        _ file: HostedFile, path: String, tree: HostedTree, status: HTTPResponse.Status, request: Request
    ) -> Response {
        let contentType = HostPolicy.contentType(of: path)
        var fields: HTTPFields = [.contentType: contentType, .cacheControl: HostPolicy.cacheControl(of: path)]
        // A precompressed twin written by the build (`host.compress: true`) is sent to clients
        // that take gzip; the `Vary` header keeps caches from mixing the two.
        var body = file
        if HostPolicy.isCompressible(contentType), let gzipped = tree.file(path + ".gz") {
            fields[.vary] = "Accept-Encoding"
            if Self.acceptsGzip(request.headers[.acceptEncoding]) {
                body = gzipped
                fields[.contentEncoding] = "gzip"
            }
        }
        guard status == .ok else { return respond(status, fields, body, range: nil, request: request) }
        fields[.eTag] = body.entityTag
        fields[.lastModified] = HTTPDate.format(body.modified)
        fields[.acceptRanges] = "bytes"
        if let tags = request.headers[.ifNoneMatch] {
            if tags == "*" || tags.split(separator: ",").contains(where: { $0.trimmingWhitespace() == body.entityTag })
            {
                return Response(status: .notModified, headers: headers(fields))
            }
        } else if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse), body.modified <= since {
            return Response(status: .notModified, headers: headers(fields))
        }
        switch ByteRange.parse(request.headers[.range], size: body.size) {
        case .whole:
            return respond(.ok, fields, body, range: nil, request: request)
        case .part(let range):
            fields[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(body.size)"
            return respond(.partialContent, fields, body, range: range, request: request)
        case .unsatisfiable:
            fields[.contentRange] = "bytes */\(body.size)"
            return respond(.rangeNotSatisfiable, fields, nil, range: nil, request: request)
        }
    }

    /// A response with `file`'s bytes (or those of `range`): read at once when small, else
    /// streamed from its descriptor in chunks.
    private func respond(
        _ status: HTTPResponse.Status, _ fields: HTTPFields, _ file: HostedFile?, range: ClosedRange<Int>?,
        request: Request
    ) -> Response {
        var fields = fields
        let span = file.flatMap { file in file.size == 0 ? nil : range ?? 0...(file.size - 1) }
        fields[.contentLength] = String(span?.count ?? 0)
        guard let file, let span, request.method == .get else {
            return Response(status: status, headers: headers(fields))
        }
        let allocator = ByteBufferAllocator()
        if span.count <= Self.chunk {
            return Response(
                status: status, headers: headers(fields),
                body: ResponseBody(byteBuffer: file.read(at: span.lowerBound, count: span.count, allocator: allocator)))
        }
        return Response(
            status: status, headers: headers(fields),
            body: ResponseBody(contentLength: span.count) { writer in
                var offset = span.lowerBound
                while offset <= span.upperBound {
                    let buffer = file.read(
                        at: offset, count: min(Self.chunk, span.upperBound - offset + 1), allocator: allocator)
                    guard buffer.readableBytes > 0 else { break }
                    try await writer.write(buffer)
                    offset += buffer.readableBytes
                }
                try await writer.finish(nil)
            })
    }

    private func plain(
        _ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:], request: Request
    ) -> Response {
        var fields = extra
        fields[.contentType] = "text/plain; charset=utf-8"
        fields[.contentLength] = String(text.utf8.count)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text))
        return Response(status: status, headers: headers(fields), body: body)
    }

    /// `fields` with the security headers every response carries.
    private func headers(_ fields: HTTPFields) -> HTTPFields {
        var all = fields
        all.append(contentsOf: Self.security)
        return all
    }

    /// `HostPolicy.securityHeaders`, made fields once.
    private static let security = HTTPFields(
        HostPolicy.securityHeaders.compactMap { name, value in
            HTTPField.Name(name).map { HTTPField(name: $0, value: value) }
        })

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
