import GazetteCore
import XMLKit

/// The rules of RSS 2.0, as the RSS Advisory Board's profile reads them, on the values of a
/// channel's and an item's elements; each an error where the W3C Feed Validator reports one.
enum RSSRules {
    /// The channel's own elements: its link, language, time to live, hours and days to skip,
    /// image and contacts.
    static func check(channel: XMLElement) -> [Diagnostic] {
        var issues: [Diagnostic] = []
        for link in channel.children(named: "link", namespace: nil) where link.namespace == nil {
            issues += fullURL(link, rule: "rss-link")
        }
        for language in channel.children(named: "language") where language.namespace == nil {
            let code = language.text.trimmingWhitespace()
            if !isLanguageCode(code) {
                issues.append(
                    Diagnostic(
                        rule: "rss-language",
                        message: "<language> '\(code)' is not a language code such as 'en' or 'en-us' (RFC 1766)",
                        line: language.line))
            }
        }
        for ttl in channel.children(named: "ttl") where UInt(ttl.text.trimmingWhitespace()) == nil {
            issues.append(
                Diagnostic(
                    rule: "rss-ttl",
                    message: "<ttl> '\(ttl.text.trimmingWhitespace())' is not a number of minutes (a whole number)",
                    line: ttl.line))
        }
        for hour in channel.children(named: "skipHours").flatMap({ $0.children(named: "hour") }) {
            let value = hour.text.trimmingWhitespace()
            if UInt(value).map({ $0 > 23 }) ?? true {
                issues.append(
                    Diagnostic(
                        rule: "rss-skip-hours", message: "<hour> '\(value)' is not an hour from 0 to 23",
                        line: hour.line))
            }
        }
        for day in channel.children(named: "skipDays").flatMap({ $0.children(named: "day") }) {
            let value = day.text.trimmingWhitespace()
            if !weekdays.contains(value) {
                issues.append(
                    Diagnostic(
                        rule: "rss-skip-days", message: "<day> '\(value)' is not a day from Monday to Sunday",
                        line: day.line))
            }
        }
        for image in channel.children(named: "image") where image.namespace == nil {
            issues += check(image: image)
        }
        for name in ["managingEditor", "webMaster"] {
            for contact in channel.children(named: name) where contact.namespace == nil {
                issues += mailbox(contact)
            }
        }
        for cloud in channel.children(named: "cloud") where cloud.namespace == nil {
            for attribute in ["domain", "port", "path", "registerProcedure", "protocol"]
            where cloud.attribute(attribute) == nil {
                issues.append(
                    Diagnostic(
                        rule: "rss-cloud", message: "<cloud> has no \(attribute) attribute, which RSS 2.0 requires",
                        line: cloud.line))
            }
        }
        for input in channel.children(named: "textInput") where input.namespace == nil {
            for required in ["title", "description", "name", "link"] where input.children(named: required).isEmpty {
                issues.append(
                    Diagnostic(
                        rule: "rss-text-input", message: "<textInput> has no <\(required)>, which RSS 2.0 requires",
                        line: input.line))
            }
        }
        return issues + duplicates(in: channel, of: channelSingletons)
    }

    /// The elements a channel has at most one of.
    private static let channelSingletons = [
        "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
        "lastBuildDate", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays",
    ]

    /// The elements an item has at most one of.
    private static let itemSingletons = [
        "title", "link", "description", "author", "comments", "guid", "pubDate", "source",
    ]

    /// An error for each second (or later) element of `element` named in `names`, without a
    /// namespace.
    private static func duplicates(in element: XMLElement, of names: [String]) -> [Diagnostic] {
        names.flatMap { name in
            element.children(named: name).filter { $0.namespace == nil }.dropFirst().map {
                Diagnostic(
                    rule: "rss-duplicate-element",
                    message: "<\(element.name)> has more than one <\(name)>; RSS 2.0 allows one", line: $0.line)
            }
        }
    }

    /// An item's elements: links, guid, enclosures, author, source, and markup in its
    /// description.
    static func check(item: XMLElement) -> [Diagnostic] {
        var issues: [Diagnostic] = []
        for name in ["link", "comments"] {
            for link in item.children(named: name) where link.namespace == nil {
                issues += fullURL(link, rule: "rss-link")
            }
        }
        for guid in item.children(named: "guid") where guid.namespace == nil {
            issues += check(guid: guid)
        }
        for enclosure in item.children(named: "enclosure") where enclosure.namespace == nil {
            issues += check(enclosure: enclosure)
        }
        for author in item.children(named: "author") where author.namespace == nil {
            issues += mailbox(author)
        }
        for source in item.children(named: "source") where source.namespace == nil {
            if source.attribute("url").map({ URI.isAbsolute($0.trimmingWhitespace()) }) != true {
                issues.append(
                    Diagnostic(
                        rule: "rss-source", message: "<source> needs a url attribute holding the feed's absolute URL",
                        line: source.line))
            }
        }
        for description in item.children(named: "description") where description.namespace == nil {
            if let markup = description.children.first {
                issues.append(
                    Diagnostic(
                        rule: "rss-description-markup",
                        message:
                            "<description> holds a <\(markup.name)> element; HTML in RSS must be escaped (&lt;p&gt;) or wrapped in CDATA, or readers drop it",
                        line: markup.line))
            }
        }
        return issues + duplicates(in: item, of: itemSingletons)
    }

    private static let weekdays: Set<String> = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]

    /// `en`, `en-us`, `pt-BR`, `x-klingon`: an ISO 639 code of two or three letters (or `x`
    /// or `i`), then subtags of letters and digits.
    private static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, primary.allSatisfy({ $0.isASCII && $0.isLetter }),
            (2...3).contains(primary.count) || ["x", "i"].contains(primary.lowercased())
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    private static func check(image: XMLElement) -> [Diagnostic] {
        var issues: [Diagnostic] = []
        for required in ["url", "title", "link"] where image.children(named: required).isEmpty {
            issues.append(
                Diagnostic(
                    rule: "rss-image", message: "<image> has no <\(required)>, which RSS 2.0 requires",
                    line: image.line))
        }
        for name in ["url", "link"] {
            for element in image.children(named: name) { issues += fullURL(element, rule: "rss-image") }
        }
        for (name, largest) in [("width", 144), ("height", 400)] {
            for size in image.children(named: name) {
                let value = size.text.trimmingWhitespace()
                if Int(value).map({ !(1...largest).contains($0) }) ?? true {
                    issues.append(
                        Diagnostic(
                            rule: "rss-image",
                            message: "<image> <\(name)> '\(value)' is not a number of pixels from 1 to \(largest)",
                            line: size.line))
                }
            }
        }
        return issues
    }

    private static func check(guid: XMLElement) -> [Diagnostic] {
        let permalink = guid.attribute("isPermaLink")
        if let permalink, permalink != "true" && permalink != "false" {
            return [
                Diagnostic(
                    rule: "rss-guid-permalink",
                    message: "isPermaLink=\"\(permalink)\" must be \"true\" or \"false\"", line: guid.line)
            ]
        }
        let value = guid.text.trimmingWhitespace()
        guard permalink != "false", !URI.isAbsolute(value) else { return [] }
        return [
            Diagnostic(
                rule: "rss-guid-url",
                message:
                    "the guid '\(value)' is a permalink (isPermaLink is true unless it says false) but not an absolute URL; add isPermaLink=\"false\" or use the item's URL",
                line: guid.line)
        ]
    }

    private static func check(enclosure: XMLElement) -> [Diagnostic] {
        var problems: [String] = []
        if let url = enclosure.attribute("url") {
            if !URI.isAbsolute(url.trimmingWhitespace()) { problems.append("its url '\(url)' is not an absolute URL") }
        } else {
            problems.append("it has no url attribute")
        }
        if let length = enclosure.attribute("length") {
            if UInt(length.trimmingWhitespace()) == nil {
                problems.append("its length '\(length)' is not a number of bytes (0 when unknown)")
            }
        } else {
            problems.append("it has no length attribute (the size in bytes; 0 when unknown)")
        }
        if let type = enclosure.attribute("type") {
            if !isMediaType(type) { problems.append("its type '\(type)' is not a media type such as audio/mpeg") }
        } else {
            problems.append("it has no type attribute")
        }
        return problems.map { Diagnostic(rule: "rss-enclosure", message: "<enclosure>: \($0)", line: enclosure.line) }
    }

    /// `audio/mpeg`, `application/atom+xml`: a type and a subtype of token characters.
    private static func isMediaType(_ text: String) -> Bool {
        let essence = text.split(separator: ";").first.map { $0.trimmingWhitespace() } ?? ""
        let parts = essence.split(separator: "/", omittingEmptySubsequences: false)
        let token = { (part: Substring) in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&^_.+-".contains($0)) }
        }
        return parts.count == 2 && parts.allSatisfy(token)
    }

    /// `ann@example.org` or `ann@example.org (Ann)`, as RFC 822 mailboxes appear in RSS.
    private static func mailbox(_ element: XMLElement) -> [Diagnostic] {
        let text = element.text.trimmingWhitespace()
        let address = text.split(separator: " ").first ?? ""
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") else { return [] }
        return [
            Diagnostic(
                rule: "rss-email",
                message:
                    "<\(element.name)> '\(text)' is not an email address ('ann@example.org (Ann)'); for a name alone use dc:creator",
                line: element.line)
        ]
    }

    /// An element whose text must be an absolute URL.
    private static func fullURL(_ element: XMLElement, rule: String) -> [Diagnostic] {
        let value = element.text.trimmingWhitespace()
        guard !URI.isAbsolute(value) else { return [] }
        return [
            Diagnostic(
                rule: rule, message: "<\(element.name)> '\(value)' is not an absolute URL; readers cannot resolve it",
                line: element.line)
        ]
    }
}
