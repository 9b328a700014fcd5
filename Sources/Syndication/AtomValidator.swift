public import GazetteCore
import XMLKit

/// Checks an Atom document against RFC 4287: its RELAX NG grammar, then the rules the
/// grammar cannot express.
///
/// Not `Sendable`: it holds a compiled libxml2 schema. Make one per thread.
public final class AtomValidator {
    private let schema: RelaxNGSchema

    /// Compiles the RFC 4287 grammar.
    public init() {
        do {
            schema = try RelaxNGSchema(AtomSchema.relaxNG)
        } catch {
            preconditionFailure("The built-in Atom schema does not compile: \(error)")
        }
    }

    /// Validates an Atom document.
    /// - Parameters:
    ///   - text: The document's text.
    ///   - name: The document's name, which the diagnostics are said of.
    ///   - options: Where and when the feed is read.
    /// - Returns: Every problem found, in document order; empty when the feed is valid.
    public func validate(
        _ text: String, named name: String = "feed.xml", options: FeedValidationOptions = FeedValidationOptions()
    ) -> [Diagnostic] {
        validate(bytes: Array(text.utf8), named: name, options: options)
    }

    /// `validate(_:named:options:)` for a document as stored, in any encoding XML allows.
    func validate(bytes: [UInt8], named name: String, options: FeedValidationOptions) -> [Diagnostic] {
        let (document, parseIssues) = XMLSafety.parse(bytes, name: name)
        guard let document else { return parseIssues.map { $0.in(name) } }
        var schemaIssues = schema.validate(document, rule: "atom-schema")
        guard let root = document.rootElement else { return (parseIssues + schemaIssues).map { $0.in(name) } }
        let ruleIssues = AtomRules.check(root)
        schemaIssues = Self.withoutEchoes(schemaIssues, explainedBy: ruleIssues)
        let summary = AtomRules.summarize(root)
        let common = FeedRules.check(summary, byteCount: bytes.count, options: options)
        return Diagnostic.inDocumentOrder(parseIssues + schemaIssues + ruleIssues + common).map { $0.in(name) }
    }

    /// libxml2's RELAX NG validator reports one problem inside an `interleave` several times
    /// over ("Invalid sequence in interleave", "Element entry failed to validate content",
    /// "Expecting an element link, got nothing"), and sometimes names the wrong element. Keep
    /// those echoes only when nothing more precise explains the problem, and drop schema
    /// messages on a line that a rule already reports in plainer words.
    static func withoutEchoes(_ schemaIssues: [Diagnostic], explainedBy ruleIssues: [Diagnostic])
        -> [Diagnostic]
    {
        let echoes = [
            "Invalid sequence in interleave", "failed to validate content", "has extra content", "Expecting an element",
        ]
        func isEcho(_ issue: Diagnostic) -> Bool { echoes.contains { issue.message.contains($0) } }
        let ruleLines = Set(ruleIssues.filter { $0.severity == .error }.map(\.line))
        let precise = schemaIssues.filter { !isEcho($0) && !ruleLines.contains($0.line) }
        let kept = precise + (precise.isEmpty && ruleLines.isEmpty ? schemaIssues.filter(isEcho) : [])
        return schemaIssues.filter { issue in kept.contains(issue) }
    }
}

/// The RFC 4287 requirements that RELAX NG cannot express.
enum AtomRules {
    private static let atom = AtomWriter.namespace

    static func check(_ root: XMLElement) -> [Diagnostic] {
        guard root.namespace == atom else {
            return [
                Diagnostic(
                    rule: "atom-root", message: "the root element is not an Atom feed or entry", line: root.line)
            ]
        }
        let entries = entries(of: root)
        var issues: [Diagnostic] = []
        for element in [root] + entries {
            issues += checkRequiredChildren(element)
        }
        issues += checkAuthors(root, entries: entries)
        issues += checkUniqueIDs(entries)
        for element in [root] + entries {
            issues += checkIDIsAbsolute(element)
            issues += checkDates(element)
            issues += checkAlternateLinks(element)
        }
        for entry in entries {
            issues += checkEntryContent(entry)
        }
        issues += checkIRIs(root)
        return issues.sorted { ($0.line, $0.rule ?? "") < ($1.line, $1.rule ?? "") }
    }

    /// A feed's entries, or the entry itself for an entry document.
    private static func entries(of root: XMLElement) -> [XMLElement] {
        root.name == "feed" ? root.children(named: "entry", namespace: atom) : [root]
    }

    /// The entries in the shape the format-independent rules read, with `xml:base` applied.
    static func summarize(_ root: XMLElement) -> FeedSummary {
        let rootBase = root.attribute("xml:base")
        var summary = FeedSummary()
        summary.checkIDs = false
        summary.selfLinks = root.children(named: "link", namespace: atom)
            .filter { $0.attribute("rel") == "self" }
            .compactMap { link in link.attribute("href").map { Located(value: $0, line: link.line) } }
        let entries = entries(of: root)
        summary.entries = entries.map { entry in
            func located(_ name: String) -> Located<String>? {
                entry.children(named: name, namespace: atom).first.map {
                    Located(value: $0.text.trimmingWhitespace(), line: $0.line)
                }
            }
            func date(_ name: String) -> Located<Timestamp>? {
                located(name).flatMap { text in
                    Timestamp.parseRFC3339(text.value).map { Located(value: $0, line: text.line) }
                }
            }
            let title = entry.children(named: "title", namespace: atom).first
            let content = entry.children(named: "content", namespace: atom).first
            let alternate = entry.children(named: "link", namespace: atom).first {
                ($0.attribute("rel") ?? "alternate") == "alternate"
            }
            return EntrySummary(
                line: entry.line,
                id: located("id"),
                title: title.flatMap {
                    ($0.attribute("type") ?? "text") == "text" ? Located(value: $0.text, line: $0.line) : nil
                },
                link: alternate.flatMap { link in link.attribute("href").map { Located(value: $0, line: link.line) } },
                published: date("published"),
                updated: date("updated"),
                html: content.flatMap { $0.attribute("type") == "html" ? Located(value: $0.text, line: $0.line) : nil },
                base: entry.attribute("xml:base") ?? content?.attribute("xml:base") ?? rootBase
            )
        }
        return summary
    }

    /// §4.1.1, §4.1.2: a feed and each entry have exactly one id, title and updated, and every
    /// person has a name.
    private static func checkRequiredChildren(_ element: XMLElement) -> [Diagnostic] {
        var issues: [Diagnostic] = []
        for name in ["id", "title", "updated"] {
            let found = element.children(named: name, namespace: atom)
            if found.isEmpty {
                issues.append(
                    Diagnostic(
                        rule: "atom-required",
                        message: "atom:\(element.name) has no atom:\(name), which RFC 4287 requires", line: element.line
                    ))
            } else if found.count > 1 {
                issues.append(
                    Diagnostic(
                        rule: "atom-required",
                        message:
                            "atom:\(element.name) has \(found.count) atom:\(name) elements; it must have exactly one",
                        line: found[1].line))
            }
        }
        for person in element.children(named: "author", namespace: atom)
            + element.children(named: "contributor", namespace: atom)
        where person.children(named: "name", namespace: atom).isEmpty {
            issues.append(
                Diagnostic(
                    rule: "atom-required", message: "atom:\(person.name) has no atom:name", line: person.line))
        }
        return issues
    }

    /// §4.1.1: a feed has an author unless every entry has one (a `source` author counts).
    private static func checkAuthors(_ root: XMLElement, entries: [XMLElement]) -> [Diagnostic] {
        let feedHasAuthor = root.name == "feed" && !root.children(named: "author", namespace: atom).isEmpty
        guard !feedHasAuthor else { return [] }
        return entries.filter { entry in
            entry.children(named: "author", namespace: atom).isEmpty
                && entry.children(named: "source", namespace: atom).allSatisfy {
                    $0.children(named: "author", namespace: atom).isEmpty
                }
        }.map {
            Diagnostic(
                rule: "atom-author", message: "entry has no atom:author and the feed has none either", line: $0.line)
        }
    }

    /// §4.1.1: a feed may hold several versions of one entry, sharing an id, but they SHOULD
    /// have different `updated` dates. Either way many readers show only one of them, so the
    /// W3C Feed Validator warns, and so does this.
    private static func checkUniqueIDs(_ entries: [XMLElement]) -> [Diagnostic] {
        var seen: [String: (line: Int, updated: String)] = [:]
        var issues: [Diagnostic] = []
        for entry in entries {
            guard let id = entry.children(named: "id", namespace: atom).first else { continue }
            let key = id.text.trimmingWhitespace()
            let updated = entry.children(named: "updated", namespace: atom).first?.text.trimmingWhitespace() ?? ""
            if let first = seen[key] {
                let versions =
                    first.updated == updated
                    ? "with the same atom:updated, which RFC 4287 says versions of an entry should not share"
                    : "as another version of it; many readers show only one version"
                issues.append(
                    Diagnostic(
                        severity: .warning, rule: "atom-id-unique",
                        message: "entry id '\(key)' was already used by the entry on line \(first.line), \(versions)",
                        line: id.line))
            } else {
                seen[key] = (id.line, updated)
            }
        }
        return issues
    }

    /// RFC 3987 §2.2, RFC 4287 §3.4: IRIs (`href`, `src`, `uri`, `icon`, `logo`, `id`) hold no
    /// spaces or other characters that must be percent-encoded.
    private static func checkIRIs(_ element: XMLElement) -> [Diagnostic] {
        var issues: [Diagnostic] = []
        var values: [(String, String)] = []
        if element.namespace == atom {
            for name in ["href", "src"] { values += element.attribute(name).map { [(name, $0)] } ?? [] }
            if element.name == "generator", let uri = element.attribute("uri") { values.append(("uri", uri)) }
            if ["uri", "icon", "logo", "id"].contains(element.name) {
                values.append(("atom:\(element.name)", element.text.trimmingWhitespace()))
            }
        }
        for (name, value) in values {
            guard let character = URI.firstForbiddenCharacter(in: value) else { continue }
            let shown = character.isWhitespace ? "a space" : "'\(character)'"
            issues.append(
                Diagnostic(
                    rule: "atom-iri",
                    message:
                        "\(name) '\(value)' holds \(shown), which an IRI cannot; percent-encode it (%20 for a space)",
                    line: element.line))
        }
        return issues + element.children.flatMap(checkIRIs)
    }

    /// §4.2.6: an id is an absolute IRI.
    private static func checkIDIsAbsolute(_ element: XMLElement) -> [Diagnostic] {
        element.children(named: "id", namespace: atom).compactMap { id in
            URI.isAbsolute(id.text.trimmingWhitespace())
                ? nil
                : Diagnostic(
                    rule: "atom-id-absolute", message: "atom:id '\(id.text)' is not an absolute IRI", line: id.line)
        }
    }

    /// §3.3: dates are RFC 3339 `date-time`s with upper-case `T` and `Z`.
    private static func checkDates(_ element: XMLElement) -> [Diagnostic] {
        ["updated", "published"].flatMap { name in
            element.children(named: name, namespace: atom).compactMap { date in
                Timestamp.parseRFC3339(date.text.trimmingWhitespace()) != nil
                    ? nil
                    : Diagnostic(
                        rule: "atom-date", message: "atom:\(name) '\(date.text)' is not an RFC 3339 date-time",
                        line: date.line)
            }
        }
    }

    /// §4.1.1, §4.1.2: at most one `alternate` link per `type` and `hreflang`.
    private static func checkAlternateLinks(_ element: XMLElement) -> [Diagnostic] {
        var seen: Set<String> = []
        return element.children(named: "link", namespace: atom).compactMap { link in
            guard (link.attribute("rel") ?? "alternate") == "alternate" else { return nil }
            let key = "\(link.attribute("type") ?? "")|\(link.attribute("hreflang") ?? "")"
            guard seen.insert(key).inserted else {
                return Diagnostic(
                    rule: "atom-alternate-unique",
                    message: "more than one alternate link with the same type and hreflang", line: link.line)
            }
            return nil
        }
    }

    /// §4.1.2: an entry without content has an alternate link; out-of-line content needs a summary.
    private static func checkEntryContent(_ entry: XMLElement) -> [Diagnostic] {
        let content = entry.children(named: "content", namespace: atom).first
        let hasSummary = !entry.children(named: "summary", namespace: atom).isEmpty
        let hasAlternate = entry.children(named: "link", namespace: atom).contains {
            ($0.attribute("rel") ?? "alternate") == "alternate"
        }
        var issues: [Diagnostic] = []
        if content == nil && !hasAlternate {
            issues.append(
                Diagnostic(
                    rule: "atom-entry-link", message: "entry has neither atom:content nor an alternate link",
                    line: entry.line))
        }
        if let content, content.attribute("src") != nil, !hasSummary {
            issues.append(
                Diagnostic(
                    rule: "atom-entry-summary", message: "entry with out-of-line content has no atom:summary",
                    line: entry.line))
        }
        return issues
    }
}
