import NIOCore
import NIOHTTP1

/// Keeps a connection from being held by a client that sends or reads too slowly: once the
/// first byte of a request has come, its head must be whole within `headerTimeout` (a client
/// sending a header line now and then is closed, however often it sends); and while an answer
/// waits to be sent, the bytes waiting must shrink every `writeTimeout` (a client that stops
/// reading is closed, while one that reads a large file slowly is not).
///
/// Stands first in the pipeline, where the bytes come and go; a `RequestWatcher` right after
/// NIO's request decoder says when a request's head is whole and when the request has come.
final class ConnectionDeadlines: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// Said when a request's head is whole.
    struct HeadReceived {}
    /// Said when a request has come whole, its body too.
    struct RequestReceived {}

    private enum State {
        /// Between requests: the next byte starts a head.
        case idle
        /// A head has begun and is not yet whole.
        case receivingHead(Scheduled<Void>)
        /// A head is whole; the rest of its request is coming.
        case receivingBody
    }

    private let headerTimeout: TimeAmount
    private let writeTimeout: TimeAmount
    private var state = State.idle
    /// The check that bytes waiting to be sent shrink, while one is scheduled.
    private var writeCheck: Scheduled<Void>?
    /// How many bytes were waiting at the last check.
    private var lastWaiting = 0

    init(headerTimeout: TimeAmount, writeTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
        self.writeTimeout = writeTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .idle = state {
            let deadline = context.eventLoop.assumeIsolated().scheduleTask(in: headerTimeout) {
                context.close(promise: nil)
            }
            state = .receivingHead(deadline)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if writeCheck == nil {
            lastWaiting = 0
            scheduleWriteCheck(context: context)
        }
        context.write(data, promise: promise)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        switch event {
        case is HeadReceived:
            if case .receivingHead(let deadline) = state { deadline.cancel() }
            state = .receivingBody
            promise?.succeed()
        case is RequestReceived:
            state = .idle
            promise?.succeed()
        default:
            context.triggerUserOutboundEvent(event, promise: promise)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if case .receivingHead(let deadline) = state { deadline.cancel() }
        writeCheck?.cancel()
    }

    /// Checks after `writeTimeout` that the bytes waiting to be sent shrank since the last
    /// check, closing the connection when they did not; stops once none wait.
    private func scheduleWriteCheck(context: ChannelHandlerContext) {
        writeCheck = context.eventLoop.assumeIsolated().scheduleTask(in: writeTimeout) { [self] in
            let waiting = (try? context.channel.syncOptions?.getOption(.bufferedWritableBytes)) ?? 0
            guard waiting > 0 else {
                writeCheck = nil
                return
            }
            if lastWaiting > 0 && waiting >= lastWaiting {
                writeCheck = nil
                context.close(promise: nil)
                return
            }
            lastWaiting = waiting
            scheduleWriteCheck(context: context)
        }
    }
}

/// Stands right after NIO's request decoder and tells `ConnectionDeadlines` when each request's
/// head is whole and when the request has come, as the decoder reads them (pipelined requests
/// too, before they are answered).
final class RequestWatcher: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: context.triggerUserOutboundEvent(ConnectionDeadlines.HeadReceived(), promise: nil)
        case .body: break
        case .end: context.triggerUserOutboundEvent(ConnectionDeadlines.RequestReceived(), promise: nil)
        }
        context.fireChannelRead(data)
    }
}
