public import GazetteCore
import XMLKit

/// Checks an RSS 2.0 document: the elements the specification requires, its date format,
/// and the format-independent feed rules.
public struct RSSValidator: Sendable {
    private static let atom = AtomWriter.namespace

    /// Creates a validator.
    public init() {}

    /// Validates an RSS document.
    /// - Parameters:
    ///   - text: The document's text.
    ///   - name: The document's name, which the diagnostics are said of.
    ///   - options: Where and when the feed is read.
    /// - Returns: Every problem found, in document order; empty when the feed is valid.
    public func validate(
        _ text: String, named name: String = "rss.xml", options: FeedValidationOptions = FeedValidationOptions()
    ) -> [Diagnostic] {
        validate(bytes: Array(text.utf8), named: name, options: options)
    }

    /// `validate(_:named:options:)` for a document as stored, in any encoding XML allows.
    func validate(bytes: [UInt8], named name: String, options: FeedValidationOptions) -> [Diagnostic] {
        check(bytes, options: options).map { $0.in(name) }
    }

    private func check(_ bytes: [UInt8], options: FeedValidationOptions) -> [Diagnostic] {
        let (document, parseIssues) = XMLSafety.parse(bytes, name: "rss.xml")
        guard let root = document?.rootElement else { return parseIssues }
        guard root.name == "rss", root.namespace == nil else {
            return parseIssues + [
                Diagnostic(
                    rule: "rss-root", message: "the root element is <\(root.name)>, not <rss>", line: root.line)
            ]
        }
        var issues = parseIssues
        if root.attribute("version") != "2.0" {
            issues.append(
                Diagnostic(rule: "rss-version", message: "<rss> must have version=\"2.0\"", line: root.line))
        }
        let channels = root.children(named: "channel")
        guard channels.count == 1, let channel = channels.first else {
            issues.append(
                Diagnostic(rule: "rss-channel", message: "<rss> must hold exactly one <channel>", line: root.line))
            return Diagnostic.inDocumentOrder(issues)
        }
        for required in ["title", "link", "description"]
        where !channel.children(named: required).contains(where: { $0.namespace == nil }) {
            issues.append(
                Diagnostic(
                    rule: "rss-channel-element", message: "<channel> has no <\(required)>, which RSS 2.0 requires",
                    line: channel.line))
        }
        for name in ["pubDate", "lastBuildDate"] {
            issues += channel.children(named: name).compactMap { dateIssue($0) }
        }
        issues += RSSRules.check(channel: channel)
        var summary = FeedSummary()
        summary.selfLinks = channel.children(named: "link", namespace: Self.atom)
            .filter { $0.attribute("rel") == "self" }
            .compactMap { link in link.attribute("href").map { Located(value: $0, line: link.line) } }
        for item in channel.children(named: "item") {
            let (entry, itemIssues) = check(item)
            issues += itemIssues
            summary.entries.append(entry)
        }
        issues += FeedRules.check(summary, byteCount: bytes.count, options: options)
        return Diagnostic.inDocumentOrder(issues)
    }

    private func check(_ item: XMLElement) -> (EntrySummary, [Diagnostic]) {
        var issues: [Diagnostic] = []
        let title = item.children(named: "title").first
        let description = item.children(named: "description").first
        if title == nil && description == nil {
            issues.append(
                Diagnostic(
                    rule: "rss-item-content",
                    message: "the item has neither <title> nor <description>; RSS 2.0 requires one of them",
                    line: item.line))
        }
        let guid = item.children(named: "guid").first
        if guid == nil {
            issues.append(
                Diagnostic(
                    severity: .warning, rule: "rss-guid",
                    message: "the item has no <guid>; readers guess whether they have seen it and may show it twice",
                    line: item.line))
        }
        issues += RSSRules.check(item: item)
        let pubDate = item.children(named: "pubDate").first
        if let pubDate, let issue = dateIssue(pubDate) { issues.append(issue) }
        let content = item.children(named: "encoded", namespace: RSSWriter.contentNamespace).first ?? description
        let link = item.children(named: "link").first
        let guidIsLink = guid.map { ($0.attribute("isPermaLink") ?? "true") == "true" } ?? false
        let entry = EntrySummary(
            line: item.line,
            id: guid.map { Located(value: $0.text.trimmingWhitespace(), line: $0.line) },
            title: title.map { Located(value: $0.text, line: $0.line) },
            // A relative link is already an error of its own.
            link: (link ?? (guidIsLink ? guid : nil)).map {
                Located(value: $0.text.trimmingWhitespace(), line: $0.line)
            }.flatMap { URI.isAbsolute($0.value) ? $0 : nil },
            published: pubDate.flatMap { date in
                Timestamp.parseRFC822(date.text).map { Located(value: $0, line: date.line) }
            },
            updated: nil,
            html: content.map { Located(value: $0.text, line: $0.line) },
            base: item.attribute("xml:base")
        )
        return (entry, issues)
    }

    private func dateIssue(_ element: XMLElement) -> Diagnostic? {
        if Timestamp.parseRFC822(element.text) != nil {
            guard Timestamp.hasTwoDigitYear(rfc822: element.text) else { return nil }
            return Diagnostic(
                severity: .warning, rule: "rss-date-two-digit-year",
                message:
                    "<\(element.name)> '\(element.text.trimmingWhitespace())' has a two-digit year, which RFC 822 allows but readers may take for another century; write all four digits",
                line: element.line)
        }
        return Diagnostic(
            rule: "rss-date",
            message:
                "<\(element.name)> '\(element.text.trimmingWhitespace())' is not an RFC 822 date such as 'Fri, 01 Mar 2024 09:30:00 +0000'",
            line: element.line)
    }
}
