/// Validates a feed of any format Gazette knows.
///
/// Not `Sendable`: it holds a compiled libxml2 schema. Make one per thread.
public final class FeedValidator {
    private lazy var atom = AtomValidator()

    /// Creates a validator.
    public init() {}

    /// Validates `text` as a feed of `format`.
    public func validate(
        _ text: String, as format: FeedFormat, options: FeedValidationOptions = FeedValidationOptions()
    ) -> [ValidationIssue] {
        switch format {
        case .atom: atom.validate(text, options: options)
        case .rss: RSSValidator().validate(text, options: options)
        case .json: JSONFeedValidator().validate(text, options: options)
        }
    }

    /// The format a document is written in, judged by its content; `nil` when it is none of them.
    public static func detectFormat(of text: String) -> FeedFormat? {
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("{") { return text.contains("jsonfeed.org/version") ? .json : nil }
        guard let root = firstElementName(in: start) else { return nil }
        switch root {
        case "feed", "atom:feed", "entry": return .atom
        case "rss": return .rss
        default: return nil
        }
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
