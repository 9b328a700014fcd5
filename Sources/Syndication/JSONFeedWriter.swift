/// Writes a `Feed` as a JSON Feed 1.1 document.
public struct JSONFeedWriter: Sendable {
    /// The version URL JSON Feed 1.1 documents carry.
    public static let version = "https://jsonfeed.org/version/1.1"

    /// Creates a writer.
    public init() {}

    /// Writes the feed, keys in the order the specification lists them.
    public func write(_ feed: Feed) -> FeedDocument {
        var items: [JSONText] = []
        for entry in feed.entries {
            items.append(
                .object([
                    ("id", .string(entry.id)),
                    ("url", .string(entry.url)),
                    ("title", .string(entry.title)),
                    ("content_html", entry.contentHTML.map(JSONText.string)),
                    ("content_text", entry.contentHTML == nil ? .string(entry.summary ?? entry.title) : nil),
                    ("summary", entry.summary.map(JSONText.string)),
                    ("date_published", .string(entry.published.rfc3339)),
                    ("date_modified", .string(entry.updated.rfc3339)),
                    ("authors", entry.authors.isEmpty ? nil : .array(entry.authors.map(Self.author))),
                    ("tags", entry.categories.isEmpty ? nil : .array(entry.categories.map(JSONText.string))),
                ]))
        }
        let document = JSONText.object([
            ("version", .string(Self.version)),
            ("title", .string(feed.title)),
            ("home_page_url", .string(feed.homePageURL)),
            ("feed_url", .string(feed.selfURL)),
            ("description", feed.subtitle.map(JSONText.string)),
            ("icon", feed.logo.map(JSONText.string)),
            ("favicon", feed.icon.map(JSONText.string)),
            ("authors", feed.authors.isEmpty ? nil : .array(feed.authors.map(Self.author))),
            ("language", feed.language.map(JSONText.string)),
            ("hubs", feed.hubURL.map { .array([.object([("type", .string("WebSub")), ("url", .string($0))])]) }),
            ("items", .array(items)),
        ])
        return FeedDocument(
            text: document.rendered(indent: "") + "\n", mediaType: FeedFormat.json.mediaType, warnings: [])
    }

    private static func author(_ person: Person) -> JSONText {
        .object([("name", .string(person.name)), ("url", person.uri.map(JSONText.string))])
    }
}

/// A JSON value to write, with object keys in a fixed order; `nil` members are left out.
indirect enum JSONText {
    case string(String)
    case array([JSONText])
    case object([(String, JSONText?)])

    /// Pretty-printed JSON with two-space indentation.
    func rendered(indent: String) -> String {
        switch self {
        case .string(let value):
            return Self.quote(value)
        case .array(let values):
            guard !values.isEmpty else { return "[]" }
            let inner = indent + "  "
            return "[\n" + values.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            let present = members.compactMap { key, value in value.map { (key, $0) } }
            guard !present.isEmpty else { return "{}" }
            let inner = indent + "  "
            return "{\n"
                + present.map { inner + Self.quote($0.0) + ": " + $0.1.rendered(indent: inner) }.joined(
                    separator: ",\n") + "\n\(indent)}"
        }
    }

    /// A JSON string literal; control characters, quotes and backslashes are escaped, and so
    /// are U+2028 and U+2029, which break JavaScript that embeds the feed.
    static func quote(_ value: String) -> String {
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hexDigits = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hexDigits.count) + hexDigits
            default:
                quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
