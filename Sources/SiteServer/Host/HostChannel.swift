import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// The host's connections: NIO's HTTP/1 server pipeline (keep-alive, pipelined requests,
/// protocol errors) and a handler that answers on the event loop and has the kernel send file
/// bodies (`sendfile`, through `FileRegion`), with idle, header and write timeouts and a cap on
/// connections.
struct HostChannel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let channel: any Channel
    }

    let host: StaticHost
    /// How long a connection may stay open without a request.
    let idleTimeout: TimeAmount
    /// How long a request's head may take to come once it has begun.
    let headerTimeout: TimeAmount
    /// How long an answer may wait without the client taking any of it.
    let writeTimeout: TimeAmount
    /// How many connections may be open at once; more are closed as they arrive.
    let maximumConnections: Int
    private let open = OpenConnections()

    init(host: StaticHost) {
        self.host = host
        idleTimeout = host.configuration.idleTimeout
        headerTimeout = host.configuration.headerTimeout
        writeTimeout = host.configuration.writeTimeout
        maximumConnections = host.configuration.maximumConnections
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let count = open.value.add(1, ordering: .relaxed).newValue
        channel.closeFuture.whenComplete { [open] _ in open.value.subtract(1, ordering: .relaxed) }
        guard count <= maximumConnections else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ChannelError.inputClosed)
        }
        return channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(ConnectionDeadlines(headerTimeout: headerTimeout, writeTimeout: writeTimeout))
            // Every response header is the host's own (media types, validators, paths that NIO's
            // parser already refused control characters in), so NIO need not check each again.
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: true, withErrorHandling: true, withOutboundHeaderValidation: false)
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(RequestWatcher(), position: .after(decoder))
            try pipeline.addHandler(IdleStateHandler(readTimeout: idleTimeout))
            try pipeline.addHandler(HostHandler(host: host))
            return Value(channel: channel)
        }
    }

    /// Waits for the connection to close; a graceful shutdown (or cancellation) lets the
    /// request in flight finish and then closes it.
    func handle(value: Value, logger: Logger) async {
        await withTaskCancellationOrGracefulShutdownHandler {
            try? await value.channel.closeFuture.get()
        } onCancelOrGracefulShutdown: {
            value.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
    }
}

/// Answers each request of a connection as `HostAnswer` says, on the connection's event loop.
private final class HostHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let host: StaticHost
    private var head: HTTPRequestHead?

    init(host: StaticHost) {
        self.host = host
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A connection idle past the timeout is closed.
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    private func respond(to request: HTTPRequestHead, context: ChannelHandlerContext) {
        let answer = HostAnswer.to(
            method: request.method.rawValue, target: request.uri,
            header: { request.headers.first(name: $0) }, folder: host.configuration.folder.path,
            cache: host.openFiles)
        var headers = HTTPHeaders(answer.headers)
        let keepAlive = request.isKeepAlive
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: answer.status)
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        var handle: NIOFileHandle?
        switch answer.body {
        case .none: break
        case .text(let text):
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        case .file(let file, let range):
            // Small files are held in memory and written with the head; larger ones are sent by
            // the kernel from the file (`sendfile`).
            if let (opened, region) = file.region(range) {
                handle = opened
                context.write(wrapOutboundOut(.body(.fileRegion(region))), promise: nil)
            } else {
                let body = file.read(range, allocator: context.channel.allocator)
                context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            }
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        written.whenComplete { [channel = context.channel, sentFile = handle] _ in
            try? sentFile?.close()
            if !keepAlive { channel.close(promise: nil) }
        }
        host.log(
            method: request.method.rawValue, target: request.uri, status: answer.status,
            length: answer.headers.last { $0.0 == "Content-Length" }?.1, remote: context.channel.remoteAddress)
    }
}

/// The number of open connections, shared by every copy of the channel setup.
private final class OpenConnections: Sendable {
    let value = Atomic<Int>(0)
}
