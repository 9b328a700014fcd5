import GazetteCore
import XMLKit

/// The checks a careful feed validator warns about, whatever the format.
enum FeedRules {
    /// Dates before this are almost certainly wrong (the web did not exist).
    private static let earliestPlausible = Timestamp(year: 1990, month: 1, day: 1)

    static func check(_ summary: FeedSummary, byteCount: Int, options: FeedValidationOptions) -> [Diagnostic] {
        var issues: [Diagnostic] = []
        issues += checkSelfLink(summary, options)
        if summary.checkIDs { issues += checkIDs(summary.entries) }
        for entry in summary.entries {
            issues += checkDates(entry, options)
            issues += checkLink(entry)
            if let title = entry.title, looksLikeMarkup(title.value) {
                issues.append(
                    warning(
                        "feed-title-markup",
                        "the title '\(title.value)' contains markup or an entity; titles are plain text, so readers show it literally (escaped twice?)",
                        title))
            }
            if options.checksContentHTML { issues += checkContent(entry) }
        }
        if let budget = options.byteBudget, byteCount > budget {
            issues.append(
                Diagnostic(
                    severity: .warning, rule: "feed-size",
                    message:
                        "the feed is \(byteCount) bytes, over the \(budget)-byte budget; some readers and services truncate or refuse large feeds",
                    line: 1))
        }
        return issues
    }

    private static func checkSelfLink(_ summary: FeedSummary, _ options: FeedValidationOptions) -> [Diagnostic] {
        guard let first = summary.selfLinks.first else {
            return [
                Diagnostic(
                    severity: .warning, rule: "feed-self-link",
                    message:
                        "the feed does not say where it is published (no self link or feed_url); readers cannot follow it when it moves",
                    line: 1)
            ]
        }
        guard let expected = options.expectedSelfURL, !summary.selfLinks.contains(where: { $0.value == expected })
        else { return [] }
        return [
            warning(
                "feed-self-link", "the self link '\(first.value)' does not match where the feed is served, \(expected)",
                first)
        ]
    }

    private static func checkIDs(_ entries: [EntrySummary]) -> [Diagnostic] {
        var seen: [String: Int] = [:]
        var issues: [Diagnostic] = []
        for entry in entries {
            guard let id = entry.id, !id.value.trimmingWhitespace().isEmpty else { continue }
            if !URI.isAbsolute(id.value) {
                issues.append(
                    warning(
                        "feed-id-uri",
                        "the entry id '\(id.value)' is not an absolute URI; use a URL or a tag: URI that never changes",
                        id))
            }
            if let first = seen[id.value] {
                issues.append(
                    Diagnostic(
                        rule: "feed-id-duplicate",
                        message:
                            "the entry id '\(id.value)' was already used on line \(first); readers will merge or drop these entries",
                        line: id.line, column: id.column))
            } else {
                seen[id.value] = id.line
            }
        }
        return issues
    }

    private static func checkDates(_ entry: EntrySummary, _ options: FeedValidationOptions) -> [Diagnostic] {
        var issues: [Diagnostic] = []
        for date in [entry.published, entry.updated].compactMap({ $0 }) {
            if let now = options.now, date.value.isLater(than: now) {
                issues.append(
                    warning(
                        "feed-date-future",
                        "the date \(date.value.rfc3339) is in the future; readers may sort the entry above everything else",
                        date))
            }
            if date.value < earliestPlausible {
                issues.append(
                    warning(
                        "feed-date-ancient",
                        "the date \(date.value.rfc3339) is before 1990; is it a default or zero date?", date))
            }
        }
        if let published = entry.published, let updated = entry.updated, updated.value < published.value {
            issues.append(
                warning(
                    "feed-updated-before-published",
                    "the entry was updated (\(updated.value.rfc3339)) before it was published (\(published.value.rfc3339))",
                    updated))
        }
        return issues
    }

    private static func checkLink(_ entry: EntrySummary) -> [Diagnostic] {
        guard entry.base == nil, let link = entry.link, !URI.isAbsolute(link.value) else { return [] }
        return [
            warning("feed-relative-url", "the entry link '\(link.value)' is relative; readers need absolute URLs", link)
        ]
    }

    /// Parses the entry's HTML once for both its markup and its relative URLs.
    private static func checkContent(_ entry: EntrySummary) -> [Diagnostic] {
        guard let html = entry.html else { return [] }
        let report = HTMLInspector.inspect(wrap(html.value))
        var issues: [Diagnostic] = []
        if let problem = report.diagnostics.first?.message {
            issues.append(warning("feed-html", "the entry's HTML is not well formed: \(problem)", html))
        }
        let relative = report.references.map(\.url).filter { !$0.isEmpty && !URI.isAbsolute($0) }
        if entry.base == nil, let first = relative.first {
            issues.append(
                warning(
                    "feed-relative-url",
                    "the content links to '\(first)'\(relative.count > 1 ? " and \(relative.count - 1) more relative URLs" : ""); readers resolve relative URLs differently, so make them absolute",
                    html))
        }
        return issues
    }

    /// Inline HTML elements that turn up in titles written as HTML.
    private static let inlineTags: Set<String> = [
        "a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "img", "ins", "kbd", "mark", "p", "q",
        "s", "small", "span", "strong", "sub", "sup", "u", "div",
    ]

    /// Entity references that show up when text was escaped twice.
    private static let entities: Set<String> = [
        "amp", "lt", "gt", "quot", "apos", "nbsp", "mdash", "ndash", "hellip", "rsquo", "lsquo", "rdquo", "ldquo",
    ]

    /// Text that holds an inline HTML tag (`<b>`, `</em>`) or an entity reference (`&amp;`,
    /// `&#8217;`): a title written as HTML or escaped twice. `Fish & <Chips>` is plain text.
    static func looksLikeMarkup(_ text: String) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() where character == "<" || character == "&" {
            let rest = characters[(index + 1)...]
            if character == "<" {
                let name = rest.drop { $0 == "/" }.prefix { $0.isLetter }
                let after = rest.drop { $0 == "/" }.dropFirst(name.count).first
                if inlineTags.contains(String(name).lowercased()), let after,
                    after == ">" || after == " " || after == "/"
                {
                    return true
                }
            } else if let semicolon = rest.prefix(10).firstIndex(of: ";") {
                let name = String(characters[(index + 1)..<semicolon])
                if entities.contains(name)
                    || (name.hasPrefix("#") && name.count > 1
                        && name.dropFirst().allSatisfy { $0.isHexDigit || $0 == "x" })
                {
                    return true
                }
            }
        }
        return false
    }

    private static func wrap(_ html: String) -> String {
        "<!DOCTYPE html><html><head><title>entry</title></head><body>\(html)</body></html>"
    }

    private static func warning<Value>(_ rule: String, _ message: String, _ place: Located<Value>) -> Diagnostic {
        Diagnostic(severity: .warning, rule: rule, message: message, line: place.line, column: place.column)
    }
}
