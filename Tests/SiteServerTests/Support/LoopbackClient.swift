import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 client over a loopback socket, so server tests need no HTTP library and
/// can send paths exactly as written (`/../`, `%2e%2e`).
///
/// Its sockets block, so every call runs on a thread of its own: blocking the few threads of
/// Swift's concurrency pool would starve the server under test.
struct LoopbackClient: Sendable {
    let port: Int

    /// Sends one request and reads the whole reply.
    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await Self.offPool { try blockingGet(path, headers: headers) }
    }

    /// Sends one request with any method and reads the whole reply.
    func request(_ method: String, _ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await Self.offPool { try blockingGet(path, headers: headers, method: method) }
    }

    /// Reads server-sent events until `predicate` holds; see `blockingEvents`.
    func events(
        until predicate: @escaping @Sendable (String) -> Bool, timeout: Double,
        whileOpen: @escaping @Sendable () throws -> Void
    ) async throws -> String {
        try await Self.offPool { try blockingEvents(until: predicate, timeout: timeout, whileOpen: whileOpen) }
    }

    private static func offPool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// What came back for raw bytes sent as they are.
    struct Exchange: Sendable {
        /// Everything the server sent.
        let received: String
        /// Whether the server closed (or reset) the connection before `readTimeout` passed.
        let closedByServer: Bool
    }

    /// Sends `request` exactly as given and reads until the server closes the connection or
    /// nothing arrives for `readTimeout` seconds.
    func exchange(_ request: String, readTimeout: Double) async throws -> Exchange {
        try await trickle([request], interval: 0, readTimeout: readTimeout)
    }

    /// Sends `parts` one after another, `interval` seconds apart, as a slow client would (it
    /// stops once the server has closed), then reads as `exchange` does.
    func trickle(_ parts: [String], interval: Double, readTimeout: Double) async throws -> Exchange {
        try await Self.offPool {
            let socket = try connect(readTimeout: readTimeout)
            defer { close(socket) }
            for (index, part) in parts.enumerated() where !part.isEmpty {
                if index > 0 { Thread.sleep(forTimeInterval: interval) }
                let bytes = Array(part.utf8)
                guard Glibc.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { break }
            }
            let (data, closed) = readAll(socket, pause: 0)
            return Exchange(received: String(decoding: data, as: UTF8.self), closedByServer: closed)
        }
    }

    /// Sends `request` on a connection that takes little at a time (a small receive buffer),
    /// reads nothing for `stall` seconds, then reads, waiting `pause` seconds between reads.
    /// - Returns: How many bytes came, and whether the server closed the connection.
    func slowRead(_ request: String, stall: Double, pause: Double, readTimeout: Double) async throws -> (
        bytes: Int, closedByServer: Bool
    ) {
        try await Self.offPool {
            let socket = try connect(readTimeout: readTimeout, receiveBuffer: 4096)
            defer { close(socket) }
            try send(socket, request)
            Thread.sleep(forTimeInterval: stall)
            let (data, closed) = readAll(socket, pause: pause)
            return (data.count, closed)
        }
    }

    /// Everything that comes until the server closes the connection or nothing arrives for the
    /// read timeout, and whether the server closed it.
    private func readAll(_ socket: Int32, pause: Double) -> (Data, closed: Bool) {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
                if pause > 0 { Thread.sleep(forTimeInterval: pause) }
                continue
            }
            // A close with our request unread arrives as a reset.
            return (data, count == 0 || errno == ECONNRESET)
        }
    }

    /// Opens a live-reload stream and returns its socket once the server has answered, so the
    /// connection is surely being served; the caller closes it.
    func openEventStream() throws -> Int32 {
        let socket = try connect(readTimeout: 5)
        try send(socket, "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        var received = ""
        while !received.contains(": connected"), let chunk = receive(socket) {
            received += String(decoding: chunk, as: UTF8.self)
        }
        return socket
    }

    struct Reply: Sendable {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    /// Sends one request and reads the whole reply (the server closes the connection).
    private func blockingGet(_ path: String, headers: [String: String], method: String = "GET") throws -> Reply {
        let socket = try connect(readTimeout: 10)
        defer { close(socket) }
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        try send(socket, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\(extra)\r\n")
        var data = Data()
        while let chunk = receive(socket) { data.append(chunk) }
        return try parse(String(decoding: data, as: UTF8.self))
    }

    /// Opens the server-sent event stream and reads until `predicate` holds for what arrived,
    /// or `timeout` seconds pass. `whileOpen` runs once the stream is connected.
    private func blockingEvents(until predicate: (String) -> Bool, timeout: Double, whileOpen: () throws -> Void) throws
        -> String
    {
        let socket = try connect(readTimeout: 0.3)
        defer { close(socket) }
        try send(socket, "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        var received = ""
        let deadline = Date().addingTimeInterval(timeout)
        var started = false
        while Date() < deadline {
            if let chunk = receive(socket) { received += String(decoding: chunk, as: UTF8.self) }
            if !started, received.contains(": connected") {
                started = true
                try whileOpen()
            }
            if started, predicate(received) { return received }
        }
        return received
    }

    /// A connected socket whose reads give up after `readTimeout` seconds.
    private func connect(readTimeout: Double, receiveBuffer: Int32? = nil) throws -> Int32 {
        let handle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard handle >= 0 else { throw POSIXError(.EIO) }
        if var size = receiveBuffer {
            setsockopt(handle, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var timeout = timeval(
            tv_sec: Int(readTimeout), tv_usec: Int((readTimeout - Double(Int(readTimeout))) * 1_000_000))
        setsockopt(handle, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(handle, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(handle)
            throw POSIXError(.ECONNREFUSED)
        }
        return handle
    }

    private func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socket, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
    }

    /// The next bytes, or `nil` at the end of the stream or after the read timeout.
    private func receive(_ socket: Int32) -> Data? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(socket, &buffer, buffer.count, 0)
        return count > 0 ? Data(buffer[..<count]) : nil
    }

    private func parse(_ text: String) throws -> Reply {
        guard let split = text.range(of: "\r\n\r\n") else { throw POSIXError(.EBADMSG) }
        let head = text[..<split.lowerBound].split(separator: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return Reply(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
