public import GazetteCore

/// Validates a feed of any format Gazette knows.
///
/// Not `Sendable`: it holds a compiled libxml2 schema. Make one per thread.
public final class FeedValidator {
    private lazy var atom = AtomValidator()

    /// Creates a validator.
    public init() {}

    /// Validates `text` as a feed of `format`.
    /// - Parameters:
    ///   - text: The feed.
    ///   - format: Its format.
    ///   - name: The feed's name, which the diagnostics are said of.
    ///   - options: Where and when the feed is read.
    public func validate(
        _ text: String, as format: FeedFormat, named name: String = "feed",
        options: FeedValidationOptions = FeedValidationOptions()
    ) -> [Diagnostic] {
        validate(bytes: Array(text.utf8), as: format, named: name, options: options)
    }

    /// Validates `bytes` as a feed of `format`: XML feeds in any encoding XML allows (the
    /// one they declare), JSON feeds in UTF-8.
    public func validate(
        bytes: [UInt8], as format: FeedFormat, named name: String = "feed",
        options: FeedValidationOptions = FeedValidationOptions()
    ) -> [Diagnostic] {
        switch format {
        case .atom: atom.validate(bytes: bytes, named: name, options: options)
        case .rss: RSSValidator().validate(bytes: bytes, named: name, options: options)
        case .json: JSONFeedValidator().validate(bytes: bytes, named: name, options: options)
        }
    }

    /// The format a document is written in, judged by its content; `nil` when it is none of them.
    public static func detectFormat(of text: String) -> FeedFormat? {
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("{") { return text.contains("jsonfeed.org/version") ? .json : nil }
        switch firstElementName(in: start).map(localName) {
        case "feed", "entry": return .atom
        case "rss": return .rss
        default: return nil
        }
    }

    /// `feed` for `atom:feed`: a qualified name without its prefix.
    static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    /// The name of the first element in XML text, skipping the prolog; `nil` when there is none.
    public static func firstElementName(in text: Substring) -> String? {
        var rest = text
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            if let first = after.first, first == "?" || first == "!" {
                // A declaration, processing instruction, comment or DOCTYPE: skip past its end.
                let terminator = after.hasPrefix("!--") ? "-->" : ">"
                guard let end = after.firstRange(of: terminator) else { return nil }
                rest = after[end.upperBound...]
                continue
            }
            let name = after.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            return name.isEmpty ? nil : String(name)
        }
        return nil
    }
}
