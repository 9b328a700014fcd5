import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import Synchronization

/// Hummingbird's HTTP/1 channel with what a server facing careless or hostile clients needs:
/// HTTP/1.0 requests without keep-alive get their connection closed after the response (the
/// HTTP types Hummingbird works with have no version, so it would keep them open), and no
/// more than `maximumConnections` connections are served at once.
struct HardenedHTTP1Channel: ServerChildChannel {
    let inner: HTTP1Channel
    /// How many connections may be open at once; more are closed as they arrive.
    let maximumConnections: Int
    private let open = ConnectionCount()

    init(inner: HTTP1Channel, maximumConnections: Int) {
        self.inner = inner
        self.maximumConnections = maximumConnections
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let count = open.value.add(1, ordering: .relaxed).newValue
        channel.closeFuture.whenComplete { [open] _ in open.value.subtract(1, ordering: .relaxed) }
        guard count <= maximumConnections else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ChannelError.inputClosed)
        }
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let codec = try channel.pipeline.syncOperations.handler(type: HTTP1ToHTTPServerCodec.self)
            try channel.pipeline.syncOperations.addHandler(HTTP10ConnectionClose(), position: .before(codec))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// The number of open connections, shared by every copy of the channel.
private final class ConnectionCount: Sendable {
    let value = Atomic<Int>(0)
}

/// Marks HTTP/1.0 requests that do not ask for keep-alive with `Connection: close`, which
/// Hummingbird honours by closing the connection once the response is sent.
private final class HTTP10ConnectionClose: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), head.version.major == 1, head.version.minor == 0,
            !head.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "keep-alive" })
        else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
