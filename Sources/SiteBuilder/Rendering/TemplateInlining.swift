/// Writes values that are the same on every page of a build (`{{site.title}}`,
/// `{{site.root}}`) into a template's text before it is compiled, so the template engine does
/// not look them up again on every page: each lookup splits the name and casts every value on
/// the way to several protocols, and a site's pages look up the site's own values some ten
/// times each.
///
/// A tag is replaced only where the page would show exactly the text written in its place:
/// - the name is one of `values` (looked up from the root of every page: no value a section
///   shows answers `site`, unless the theme shows `params`, whose keys are the writer's, and
///   then nothing is inlined);
/// - the value is not empty or blank, holds no line break (the engine treats text line by
///   line) and no brace (it could make a tag of the text around it);
/// - the text does not change its delimiters or its content type, which would change what
///   tags are or how values are escaped.
///
/// Lines that show the site alone (its menu, its feeds' links) are rendered once and written
/// in the same way (`expandSections`).
enum TemplateInlining {
    /// `text` with every `{{name}}`, `{{{name}}}` and `{{&name}}` of a name in `values` written
    /// as the value, escaped with `escape` for `{{name}}`; `text` as it is when it changes its
    /// delimiters or content type. Tags are found where the engine ends them (a triple tag at
    /// `}}}`), not where `TemplateTagScan` does, since a tag is replaced by exactly its text.
    static func inline(_ values: [String: String], into text: String, escape: (String) -> String) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var offset = 0
        while let open = bytes.withUnsafeBufferPointer({ $0.firstOffset(of: Self.open, from: offset) }) {
            result += bytes[offset..<open]
            let isTriple = bytes.count > open + 2 && bytes[open + 2] == UInt8(ascii: "{")
            let contentStart = open + (isTriple ? 3 : 2)
            guard
                let close = bytes.withUnsafeBufferPointer({
                    $0.firstOffset(of: isTriple ? Self.tripleClose : Self.close, from: contentStart)
                })
            else { return text }
            let end = close + (isTriple ? 3 : 2)
            let content = bytes[contentStart..<close]
            let first = content.first ?? 0
            if first == UInt8(ascii: "=") || first == UInt8(ascii: "%") { return text }
            let isRaw = isTriple || first == UInt8(ascii: "&")
            let name = String(decoding: isRaw && !isTriple ? content.dropFirst() : content, as: UTF8.self)
                .trimmingWhitespace()
            let isVariable = isRaw || !"!#^/><$".utf8.contains(first)
            if isVariable, let value = values[name], Self.canStandIn(value) {
                result += (isRaw ? value : escape(value)).utf8
            } else {
                result += bytes[open..<end]
            }
            offset = end
        }
        result += bytes[offset...]
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `value` can be written in place of its tag.
    private static func canStandIn(_ value: String) -> Bool {
        value.unicodeScalars.contains { !$0.properties.isWhitespace } && !value.contains(where: \.isNewline)
            && !value.utf8.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }
    }

    /// `text` with each run of lines that show the site alone written as the lines they make:
    /// runs whose tags are sections over names of `sections`, comments, and inside a section
    /// variables named in `sections` for it (the names its elements answer; `.`). `render`
    /// renders such a run as a template of its own (`nil` when it cannot); what it makes must
    /// hold no brace either.
    ///
    /// A run is every line with a tag between two lines of text (or the text's ends): the
    /// engine reads the line after a section's close differently depending on its open tag's
    /// line, so a run is rendered whole, from a line whose start the engine reads alike in
    /// both, up to a line it reads alike whatever came before. Text that a partial includes is
    /// left alone (an indented partial indents each line of text, but only the first line of
    /// a section's output), and so is text that inherits a layout, or that holds a line break
    /// other than `\n`.
    static func expandSections(
        _ sections: [String: Set<String>], in text: String, render: (String) -> String?
    ) -> String {
        guard !text.contains("{{<"), !text.contains(where: { $0.isNewline && $0 != "\n" }) else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        lines[lines.count - 1].removeLast()
        var result = ""
        var index = 0
        while index < lines.count {
            var end = index
            while lines[end].contains("{{"), end + 1 < lines.count, lines[end + 1].contains("{{") { end += 1 }
            let run = lines[index...end].joined()
            if run.contains("{{"), showsSiteAlone(run, sections), let output = render(run),
                !output.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") })
            {
                result += output
            } else {
                result += run
            }
            index = end + 1
        }
        return result
    }

    /// Whether every tag of `run` is a comment, the open or close tag of a section over a name
    /// of `sections` (not inside another), or inside one a variable of a name it allows.
    private static func showsSiteAlone(_ run: String, _ sections: [String: Set<String>]) -> Bool {
        guard let tags = tags(in: run) else { return false }
        var section: String?
        for tag in tags {
            switch tag {
            case .section(let name):
                guard section == nil, sections[name] != nil else { return false }
                section = name
            case .close(let name):
                guard section == name else { return false }
                section = nil
            case .comment: continue
            case .variable(let name):
                guard let open = section, sections[open]?.contains(name) == true else { return false }
            case .other: return false
            }
        }
        return section == nil
    }

    /// Whether `text`, a partial shown for each article of a list, looks up nothing but the
    /// article's own fields: its tags are comments, variables named in `fields` (or `.`), and
    /// sections over `scalars`, fields whose values do not answer names of their own.
    static func showsTheArticleAlone(_ text: String, fields: Set<String>, scalars: Set<String>) -> Bool {
        tags(in: text)?.allSatisfy { tag in
            switch tag {
            case .section(let name): scalars.contains(name)
            case .close, .comment: true
            case .variable(let name): name == "." || fields.contains(name)
            case .other: false
            }
        } ?? false
    }

    /// A tag, as far as the checks above tell tags apart.
    private enum Tag {
        /// `{{#name}}` or `{{^name}}`.
        case section(String)
        /// `{{/name}}`.
        case close(String)
        /// `{{! … }}`.
        case comment
        /// `{{name}}`, `{{{name}}}` or `{{&name}}`, the name trimmed.
        case variable(String)
        /// A partial, a layout, a block, a delimiter change or a pragma.
        case other
    }

    /// The tags of `text` in order; `nil` when a `{{` does not open a tag these checks read.
    private static func tags(in text: String) -> [Tag]? {
        let found = TemplateTagScan.tags(in: text[...])
        guard found.count == text.ranges(of: "{{").count else { return nil }
        return found.map { tag in
            let content = tag.content
            let isTriple = tag.isTriple
            switch isTriple ? nil : content.first {
            case "#", "^": return .section(String(content.dropFirst()))
            case "/": return .close(String(content.dropFirst()))
            case "!": return .comment
            case "=", "%", ">", "<", "$": return .other
            default: return .variable(String(content.drop { !isTriple && $0 == "&" }).trimmingWhitespace())
            }
        }
    }

    /// `text` with each `{{>partial}}` of `variables` that stands inside a section over
    /// `section`, after something else on its line, written as the unescaped variable the
    /// partial is given (`{{{gazettePartial0}}}`). A partial tag with only white space before it
    /// on its line may be standalone, which the engine indents; it stays.
    static func renderingPartials(_ variables: [String: String], inSectionsOver section: String, in text: String)
        -> String
    {
        guard !variables.isEmpty else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{#\(section)}}"),
            let close = rest[open.upperBound...].range(of: "{{/\(section)}}")
        {
            result += rest[..<open.upperBound]
            var body = rest[open.upperBound..<close.lowerBound]
            for tag in TemplateTagScan.references(in: body, .partialsAsWritten) {
                result += body[..<tag.range.lowerBound]
                let lineStart = result.lastIndex(of: "\n").map { result.index(after: $0) } ?? result.startIndex
                if let variable = variables[String(tag.name)],
                    result[lineStart...].contains(where: { !$0.isWhitespace })
                {
                    result += "{{{\(variable)}}}"
                } else {
                    result += body[tag.range]
                }
                body = body[tag.range.upperBound...]
            }
            result += body
            rest = rest[close.lowerBound...]
            result += rest[..<close.upperBound]
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    private static let open = Array("{{".utf8)
    private static let close = Array("}}".utf8)
    private static let tripleClose = Array("}}}".utf8)
}
