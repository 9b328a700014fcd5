import Foundation
import GazetteCore
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import SiteModel

/// Answers requests from the current in-memory build.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let server: DevServer

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        if request.uri.path == LiveReload.eventsPath { return events() }
        guard let path = RequestPath.normalize(request.uri.path) else {
            return Response(
                status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "Bad request: the path leaves the site.\n")))
        }
        let (site, failure) = server.snapshot
        guard let site else {
            return page(
                status: .serviceUnavailable,
                html:
                    "<!DOCTYPE html><html><head><title>Build failed</title></head><body><h1>The site did not build</h1><pre>\(XMLText.escape(failure ?? ""))</pre></body></html>",
                request: request)
        }
        let key = SitePaths.outputFile(for: path)
        if let file = site.files[key] {
            return serve(file, at: key, from: site, request: request)
        }
        if !path.hasSuffix("/"), site.files[SitePaths.outputFile(for: path + "/")] != nil {
            // The request's own (still percent-encoded) path, so the Location header stays ASCII.
            return Response(
                status: .movedPermanently,
                headers: [.location: request.uri.path + "/" + (request.uri.query.map { "?" + $0 } ?? "")])
        }
        guard let notFound = site.files[SitePaths.outputFile(for: SitePaths.notFound)],
            let bytes = site.bytes(of: notFound)
        else {
            return Response(
                status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found\n")))
        }
        return page(
            status: .notFound, html: String(decoding: bytes, as: UTF8.self), request: request,
            file: SitePaths.outputFile(for: SitePaths.notFound))
    }

    /// The file at `key` (`posts/a/index.html`).
    private func serve(_ file: ServedSite.File, at key: String, from site: ServedSite, request: Request) -> Response {
        guard var bytes = site.bytes(of: file) else { return Response(status: .notFound) }
        if file.contentType.hasPrefix("text/html") {
            bytes = Array(LiveReload.inject(into: String(decoding: bytes, as: UTF8.self), page: key).utf8)
        }
        let tag = "\"\(String(FastChecksum.of(bytes), radix: 16))\""
        var headers: HTTPFields = [.contentType: file.contentType, .eTag: tag, .cacheControl: "no-cache"]
        if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
        headers[.contentLength] = String(bytes.count)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A page made for this answer, or the page of `file` served for another path.
    private func page(status: HTTPResponse.Status, html: String, request: Request, file: String = "") -> Response {
        let bytes = Array(LiveReload.inject(into: html, page: file).utf8)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"], body: body)
    }

    private func events() -> Response {
        let stream = server.eventStream()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { [server] writer in
                // An open event stream would hold up shutdown forever; end it when Ctrl-C comes.
                try await withGracefulShutdownHandler {
                    for await event in stream { try await writer.write(ByteBuffer(string: event)) }
                } onGracefulShutdown: {
                    server.finishEventStreams()
                }
                try await writer.finish(nil)
            }
        )
    }
}
