/// A request path, decoded and checked so that it can only name files of the site.
enum RequestPath {
    /// The decoded path (`/posts/café/`), or `nil` when it tries to climb out (`/../`,
    /// `%2e%2e`), holds a NUL or a backslash, or is not valid percent-encoded UTF-8.
    static func normalize(_ raw: String) -> String? {
        let pathOnly = raw.prefix { $0 != "?" && $0 != "#" }
        guard let decoded = percentDecode(pathOnly),
            !decoded.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "\\") })
        else {
            return nil
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        let joined = "/" + segments.joined(separator: "/")
        return decoded.hasSuffix("/") && joined != "/" ? joined + "/" : joined
    }

    private static func percentDecode(_ text: Substring) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard iterator.count >= 2, let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
            iterator = iterator.dropFirst(2)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
