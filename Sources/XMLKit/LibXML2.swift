import CLibXML2

/// One-time set-up of libxml2 and the per-call error collection every wrapper uses.
enum LibXML2 {
    /// `xmlInitParser()` must run once before libxml2 is used from several threads, and so
    /// must the set-up of the RELAX NG and XML Schema datatype tables, which libxml2 2.9 would
    /// otherwise build lazily, without a lock, on the first schema any thread compiles.
    private static let initialized: Void = {
        xmlInitParser()
        _ = xmlRelaxNGInitTypes()
        xmlSchemaInitTypes()
    }()

    /// Makes sure libxml2 is initialized.
    static func ensureInitialized() { _ = initialized }

    /// Calls `body` with the UTF-8 bytes of `text` as the `char` buffer and length libxml2's
    /// memory parsers take.
    static func withBytes<Result>(of text: String, _ body: (UnsafePointer<CChar>, Int32) -> Result) -> Result {
        var text = text
        return text.withUTF8 { withBytes(of: $0, body) }
    }

    /// Calls `body` with `bytes` as the `char` buffer and length libxml2's memory parsers take.
    static func withBytes<Result>(
        of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<CChar>, Int32) -> Result
    ) -> Result {
        bytes.withMemoryRebound(to: CChar.self) { chars in
            // An empty buffer may have no base address; libxml2 then reads zero bytes of "".
            guard let base = chars.baseAddress else { return "".withCString { body($0, 0) } }
            return body(base, Int32(clamping: chars.count))
        }
    }

    /// Runs `body` with libxml2's structured error handler pointed at a fresh collector, and
    /// returns what `body` returned with the diagnostics collected meanwhile.
    ///
    /// libxml2 2.9 keeps the handler per thread, so the handler is installed, used and removed
    /// within this one synchronous call; `body` must not hop threads.
    /// - Parameter ignoredCodes: libxml2 error codes the caller has no use for, dropped as
    ///   they come rather than made into diagnostics.
    static func collectingErrors<Result>(
        ignoring ignoredCodes: Set<Int32> = [],
        _ body: (_ collector: UnsafeMutableRawPointer) throws -> Result
    ) rethrows -> (Result, [XMLDiagnostic]) {
        ensureInitialized()
        let collector = ErrorCollector(ignoring: ignoredCodes)
        let pointer = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(pointer, collectStructuredError)
        xmlSetGenericErrorFunc(nil, nil)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let result = try withExtendedLifetime(collector) { try body(pointer) }
        return (result, collector.diagnostics)
    }
}

/// Receives libxml2's structured errors for one call.
final class ErrorCollector {
    var diagnostics: [XMLDiagnostic] = []
    /// The error codes left out.
    let ignoredCodes: Set<Int32>

    init(ignoring ignoredCodes: Set<Int32> = []) {
        self.ignoredCodes = ignoredCodes
    }
}

/// The C callback libxml2 calls with each structured error.
let collectStructuredError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    let raw = error.pointee
    guard !collector.ignoredCodes.contains(raw.code) else { return }
    var message = raw.message.map { String(cString: $0) } ?? "unknown libxml2 error"
    while message.last?.isNewline == true || message.last == " " { message.removeLast() }
    // One diagnostic, one line: libxml2 puts the bytes of an encoding error on a second one.
    if message.contains(where: \.isNewline) {
        message = message.split(whereSeparator: \.isNewline).joined(separator: "; ")
    }
    collector.diagnostics.append(
        XMLDiagnostic(
            severity: raw.level == XML_ERR_WARNING ? .warning : .error,
            message: message,
            line: Int(raw.line),
            column: Int(raw.int2),
            code: Int(raw.code)
        )
    )
}
