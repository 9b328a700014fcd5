public import GazetteCore

/// Checks a JSON Feed 1.1 document: required members and their types, dates, and the
/// format-independent feed rules.
public struct JSONFeedValidator: Sendable {
    /// Creates a validator.
    public init() {}

    /// Validates a JSON Feed document.
    /// - Parameters:
    ///   - text: The document's text.
    ///   - name: The document's name, which the diagnostics are said of.
    ///   - options: Where and when the feed is read.
    /// - Returns: Every problem found, in document order; empty when the feed is valid.
    public func validate(
        _ text: String, named name: String = "feed.json", options: FeedValidationOptions = FeedValidationOptions()
    ) -> [Diagnostic] {
        check(text, options: options).map { $0.in(name) }
    }

    /// `validate(_:named:options:)` for a document as stored: JSON is UTF-8 (RFC 8259 §8.1).
    func validate(bytes: [UInt8], named name: String, options: FeedValidationOptions) -> [Diagnostic] {
        if let (line, column) = BytePosition.firstInvalidUTF8Position(in: bytes) {
            return [
                Diagnostic(
                    .error, file: name, line: line, column: column,
                    "the document is not UTF-8, which JSON must be (RFC 8259 §8.1)", rule: "json-encoding")
            ]
        }
        return validate(String(decoding: bytes, as: UTF8.self), named: name, options: options)
    }

    private func check(_ text: String, options: FeedValidationOptions) -> [Diagnostic] {
        let root: JSONNode
        do {
            root = try JSONReader.parse(text)
        } catch {
            return [
                Diagnostic(
                    rule: "json-syntax", message: "not valid JSON: \(error.message)", line: error.line,
                    column: error.column)
            ]
        }
        guard case .object(let members) = root.value else {
            return [issue("jsonfeed-type", "a JSON Feed is an object, not \(root.typeName)", root)]
        }
        var issues: [Diagnostic] = []
        var seen: Set<String> = []
        for member in members where !seen.insert(member.key).inserted {
            issues.append(issue("json-duplicate-key", "the member '\(member.key)' appears twice", member.value))
        }
        let version = root["version"]
        if version?.string != JSONFeedWriter.version {
            let found = version?.string.map { "'\($0)'" } ?? "missing"
            issues.append(
                issue(
                    "jsonfeed-version", "'version' must be \"\(JSONFeedWriter.version)\" (found \(found))",
                    version ?? root))
        }
        issues += requireString("title", in: root, required: true)
        for key in [
            "home_page_url", "feed_url", "description", "icon", "favicon", "language", "next_url", "user_comment",
        ] {
            issues += requireString(key, in: root, required: false)
        }
        for key in ["home_page_url", "feed_url", "icon", "favicon", "next_url"] {
            if let url = root[key]?.string, !URI.isAbsolute(url) {
                issues.append(issue("jsonfeed-url", "'\(key)' must be an absolute URL", root[key]!, severity: .warning))
            }
        }
        issues += checkAuthors(in: root)
        issues += checkHubs(in: root)
        if let expired = root["expired"], case .bool = expired.value {
        } else if let expired = root["expired"] {
            issues.append(issue("jsonfeed-type", "'expired' must be true or false, not \(expired.typeName)", expired))
        }
        var summary = FeedSummary()
        if let feedURL = root["feed_url"], let value = feedURL.string {
            summary.selfLinks = [Located(value: value, line: feedURL.line, column: feedURL.column)]
        }
        guard let items = root["items"] else {
            issues.append(
                issue("jsonfeed-required", "'items' is required (an empty array for a feed with no items)", root))
            return Diagnostic.inDocumentOrder(issues)
        }
        guard case .array(let elements) = items.value else {
            issues.append(issue("jsonfeed-type", "'items' must be an array, not \(items.typeName)", items))
            return Diagnostic.inDocumentOrder(issues)
        }
        for item in elements {
            let (entry, itemIssues) = check(item)
            issues += itemIssues
            if let entry { summary.entries.append(entry) }
        }
        issues += FeedRules.check(summary, byteCount: text.utf8.count, options: options)
        return Diagnostic.inDocumentOrder(issues)
    }

    private func check(_ item: JSONNode) -> (EntrySummary?, [Diagnostic]) {
        guard case .object = item.value else {
            return (nil, [issue("jsonfeed-type", "each item must be an object, not \(item.typeName)", item)])
        }
        var issues: [Diagnostic] = []
        if let id = item["id"] {
            if let value = id.string {
                if value.trimmingWhitespace().isEmpty {
                    issues.append(issue("jsonfeed-id-blank", "'id' is blank; each item needs a unique id", id))
                }
            } else {
                issues.append(issue("jsonfeed-type", "'id' must be a string, not \(id.typeName)", id))
            }
        } else {
            issues.append(issue("jsonfeed-required", "the item has no 'id'", item))
        }
        for key in [
            "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
            "date_published", "date_modified", "language",
        ] {
            issues += requireString(key, in: item, required: false)
        }
        issues += checkAuthors(in: item)
        issues += checkAttachments(of: item)
        if item["content_html"]?.string == nil && item["content_text"]?.string == nil {
            issues.append(issue("jsonfeed-content", "the item needs 'content_html' or 'content_text'", item))
        }
        func date(_ key: String) -> Located<Timestamp>? {
            guard let node = item[key], let text = node.string else { return nil }
            guard let value = Timestamp.parseRFC3339(text) else {
                issues.append(issue("jsonfeed-date", "'\(key)' '\(text)' is not an RFC 3339 date-time", node))
                return nil
            }
            return Located(value: value, line: node.line, column: node.column)
        }
        if let tags = item["tags"] {
            if case .array(let values) = tags.value, values.allSatisfy({ $0.string != nil }) {
            } else {
                issues.append(issue("jsonfeed-type", "'tags' must be an array of strings", tags))
            }
        }
        func located(_ key: String) -> Located<String>? {
            item[key].flatMap { node in node.string.map { Located(value: $0, line: node.line, column: node.column) } }
        }
        let entry = EntrySummary(
            line: item.line,
            id: located("id"),
            title: located("title"),
            link: located("url"),
            published: date("date_published"),
            updated: date("date_modified"),
            html: located("content_html"),
            base: nil
        )
        return (entry, issues)
    }

    /// `authors`: an array of author objects, each with at least one of `name`, `url` and
    /// `avatar` (JSON Feed 1.1); the 1.0 `author` object likewise.
    private func checkAuthors(in object: JSONNode) -> [Diagnostic] {
        var authors: [JSONNode] = []
        var issues: [Diagnostic] = []
        if let list = object["authors"] {
            if case .array(let elements) = list.value {
                authors += elements
            } else {
                issues.append(
                    issue("jsonfeed-type", "'authors' must be an array of authors, not \(list.typeName)", list))
            }
        }
        if let single = object["author"] { authors.append(single) }
        for author in authors {
            guard case .object = author.value else {
                issues.append(issue("jsonfeed-type", "an author must be an object, not \(author.typeName)", author))
                continue
            }
            for key in ["name", "url", "avatar"] { issues += requireString(key, in: author, required: false) }
            if ["name", "url", "avatar"].allSatisfy({ author[$0] == nil }) {
                issues.append(
                    issue("jsonfeed-author", "an author needs at least one of 'name', 'url' and 'avatar'", author))
            }
        }
        return issues
    }

    /// `hubs`: an array of objects, each with a `type` and a `url`.
    private func checkHubs(in feed: JSONNode) -> [Diagnostic] {
        guard let list = feed["hubs"] else { return [] }
        guard case .array(let hubs) = list.value else {
            return [issue("jsonfeed-type", "'hubs' must be an array, not \(list.typeName)", list)]
        }
        return hubs.flatMap { hub -> [Diagnostic] in
            guard case .object = hub.value else {
                return [issue("jsonfeed-type", "a hub must be an object, not \(hub.typeName)", hub)]
            }
            return ["type", "url"].flatMap { requireString($0, in: hub, required: true) }
        }
    }

    /// `attachments`: an array of objects, each with a `url` and a `mime_type`.
    private func checkAttachments(of item: JSONNode) -> [Diagnostic] {
        guard let list = item["attachments"] else { return [] }
        guard case .array(let attachments) = list.value else {
            return [issue("jsonfeed-type", "'attachments' must be an array, not \(list.typeName)", list)]
        }
        var issues: [Diagnostic] = []
        for attachment in attachments {
            guard case .object = attachment.value else {
                issues.append(
                    issue("jsonfeed-type", "an attachment must be an object, not \(attachment.typeName)", attachment))
                continue
            }
            for key in ["url", "mime_type"] where attachment[key] == nil {
                issues.append(
                    issue("jsonfeed-attachment", "the attachment has no '\(key)', which JSON Feed requires", attachment)
                )
            }
            for key in ["url", "mime_type", "title"] { issues += requireString(key, in: attachment, required: false) }
            for key in ["size_in_bytes", "duration_in_seconds"] {
                if let number = attachment[key], case .number = number.value {
                } else if let other = attachment[key] {
                    issues.append(issue("jsonfeed-type", "'\(key)' must be a number, not \(other.typeName)", other))
                }
            }
        }
        return issues
    }

    private func requireString(_ key: String, in object: JSONNode, required: Bool) -> [Diagnostic] {
        guard let node = object[key] else {
            return required ? [issue("jsonfeed-required", "'\(key)' is required", object)] : []
        }
        return node.string == nil
            ? [issue("jsonfeed-type", "'\(key)' must be a string, not \(node.typeName)", node)] : []
    }

    private func issue(_ rule: String, _ message: String, _ node: JSONNode, severity: Diagnostic.Severity = .error)
        -> Diagnostic
    {
        Diagnostic(severity: severity, rule: rule, message: message, line: node.line, column: node.column)
    }
}
