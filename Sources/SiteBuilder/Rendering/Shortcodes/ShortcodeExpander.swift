import Foundation
import GazetteCore
import Mustache
import SiteModel

/// Expands the template syntax other generators allow in articles — Hugo shortcodes, Zola
/// shortcodes, Jekyll Liquid tags — before the body is rendered, following each tool's rules
/// for where its syntax runs: Liquid runs everywhere (so `{% raw %}` works even in code spans);
/// Hugo and Zola calls inside code blocks and code spans are left alone; `{{</* x */>}}` and
/// `{{/* x */}}` print the call itself. Calls nobody renders stay visible, with a warning.
struct ShortcodeExpander: Sendable {
    /// Renders the built-in shortcodes.
    let builtIns: BuiltInShortcodes
    /// The theme's templates; a site's `templates/shortcodes/NAME.mustache` renders `NAME`.
    let library: MustacheLibrary?

    /// The body with every call expanded, and warnings for calls left as written.
    func expand(_ article: Article) -> (String, [Diagnostic]) {
        let body = article.body
        guard body.containsBytes("{{") || body.containsBytes("{%") else { return (body, []) }
        var run = Run(article: article, expander: self, text: body)
        run.protectEscapes()
        run.expandLiquid()
        run.expandOutsideCode()
        return (run.restored(), run.warnings)
    }

    /// Renders one call: the site's template first, then a built-in; `nil` when neither knows it.
    fileprivate func render(_ call: ShortcodeCall, in article: Article) -> String? {
        if let library, library.getTemplate(named: "shortcodes/\(call.name)") != nil {
            var context: [String: Any] = call.named
            for (index, value) in call.positional.enumerated() { context["_\(index)"] = value }
            if let body = call.body { context["body"] = body }
            return library.render(context, withTemplate: "shortcodes/\(call.name)")
        }
        return builtIns.render(call, in: article)
    }
}

/// One expansion of one body.
private struct Run {
    let article: Article
    let expander: ShortcodeExpander
    var text: String
    var warnings: [Diagnostic] = []
    /// Text set aside so later passes leave it alone, restored at the end.
    var protected: [String] = []

    init(article: Article, expander: ShortcodeExpander, text: String) {
        self.article = article
        self.expander = expander
        self.text = text
    }

    /// The patterns, compiled for each body that has any syntax to expand (a `Regex` may not
    /// be shared between threads).
    let patterns = Patterns()

    final class Patterns {
        lazy var liquidRaw = try! Regex(#"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}"#).dotMatchesNewlines()
        lazy var escapes = try! Regex(#"\{\{([<%]?)/\*(.*?)\*/([>%]?)\}\}|\{%/\*(.*?)\*/%\}"#).dotMatchesNewlines()
        lazy var liquidBlock = try! Regex(
            #"\{%-?\s*(highlight)\s+([^%]*?)\s*-?%\}\n?(.*?)\n?\{%-?\s*endhighlight\s*-?%\}"#
        )
        .dotMatchesNewlines()
        lazy var liquidTag = try! Regex(#"\{%-?\s*([a-z_]+)(\s[^%(]*?)?\s*-?%\}"#)
        lazy var liquidVariable = try! Regex(
            #"\{\{-?\s*(site\.[a-z_]+|page\.[a-z_]+|"[^"]*"\s*\|\s*[a-z_]+|'[^']*'\s*\|\s*[a-z_]+)\s*-?\}\}"#)
        lazy var hugoCall = try! Regex(#"\{\{([<%])\s*(/?)\s*([A-Za-z0-9_\-./]+)(.*?)\s*(/?)\s*[>%]\}\}"#)
            .dotMatchesNewlines()
        lazy var zolaInline = try! Regex(#"\{\{\s*([A-Za-z0-9_]+)\((.*?)\)\s*\}\}"#).dotMatchesNewlines()
        lazy var zolaBlock = try! Regex(#"\{%\s*([A-Za-z0-9_]+)\((.*?)\)\s*%\}\n?(.*?)\n?\{%\s*end\s*%\}"#)
            .dotMatchesNewlines()
    }

    mutating func protect(_ literal: String) -> String {
        protected.append(literal)
        return "\u{E000}\(protected.count - 1)\u{E001}"
    }

    /// The text with every protected literal put back.
    func restored() -> String {
        guard !protected.isEmpty else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "\u{E000}"), let close = rest[open...].firstIndex(of: "\u{E001}") {
            result += rest[..<open]
            let number = rest[rest.index(after: open)..<close].prefix { $0.isNumber }
            result += Int(number).map { protected[$0] } ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A placeholder spans as many lines as the text it replaced, so later calls keep their
    /// line numbers.
    static func keepingLines(_ replacement: String, of written: Substring) -> String {
        guard replacement.hasSuffix("\u{E001}") else { return replacement }
        let lines = written.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        return lines == 0 ? replacement : replacement.dropLast() + String(repeating: "\n", count: lines) + "\u{E001}"
    }

    /// The body line of a position in the current text (calls before it expand to text of
    /// other lengths, so this is the line as far as the text has been rewritten).
    func line(at index: String.Index) -> Int {
        article.bodyLine + text[..<index].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    }

    mutating func warn(_ call: String, at index: String.Index, _ what: String) {
        warnings.append(
            .warning(
                article.sourcePath, line: line(at: index),
                "\(what) '\(call.prefix(60))' is left as written; add templates/shortcodes/NAME.mustache to render it"))
    }

    /// `{% raw %}`, `{{</* */>}}` and `{{/* */}}`: their insides are printed as written.
    mutating func protectEscapes() {
        if text.containsBytes("{%"), text.containsBytes("raw") {
            replaceAll(patterns.liquidRaw) { run, match in run.protect(String(match.output[1].substring ?? "")) }
        }
        guard text.containsBytes("/*") else { return }
        replaceAll(patterns.escapes) { run, match in
            if let inner = match.output[4].substring { return run.protect("{%\(inner)%}") }
            let open = match.output[1].substring ?? ""
            let close = match.output[3].substring ?? ""
            return run.protect("{{\(open)\(match.output[2].substring ?? "")\(close)}}")
        }
    }

    /// Liquid runs before Markdown and everywhere in the body.
    mutating func expandLiquid() {
        if text.containsBytes("{%"), text.containsBytes("highlight") {
            expandLiquidBlocks()
        }
        if text.containsBytes("{%") {
            expandLiquidTags()
        }
        if Self.hasCall(
            in: text, opener: "{{",
            where: { $0.hasPrefix("site.") || $0.hasPrefix("page.") || $0.hasPrefix("\"") || $0.hasPrefix("'") })
        {
            expandLiquidVariables()
        }
    }

    private mutating func expandLiquidBlocks() {
        replaceAll(patterns.liquidBlock) { run, match in
            let arguments = ShortcodeCall.splitArguments(String(match.output[2].substring ?? ""))
            let call = ShortcodeCall(
                syntax: .jekyll, name: "highlight", positional: arguments.positional, named: arguments.named,
                body: String(match.output[3].substring ?? ""))
            return run.expander.render(call, in: run.article).map { run.protect($0) }
                ?? String(match.output[0].substring ?? "")
        }
    }

    private mutating func expandLiquidTags() {
        replaceAll(patterns.liquidTag) { run, match in
            let name = String(match.output[1].substring ?? "")
            // Zola's `{% end %}` and Liquid control flow are not tags to expand here.
            guard !["end", "endraw", "endhighlight"].contains(name) else {
                return String(match.output[0].substring ?? "")
            }
            let arguments = ShortcodeCall.splitArguments(String(match.output[2].substring ?? ""))
            let call = ShortcodeCall(
                syntax: .jekyll, name: name, positional: arguments.positional, named: arguments.named, body: nil)
            if let expanded = run.expander.render(call, in: run.article) { return run.protect(expanded) }
            run.warn(String(match.output[0].substring ?? ""), at: match.range.lowerBound, "Liquid tag")
            return run.protect(String(match.output[0].substring ?? ""))
        }
    }

    private mutating func expandLiquidVariables() {
        replaceAll(patterns.liquidVariable) { run, match in
            let expression = String(match.output[1].substring ?? "")
            let call = ShortcodeCall(syntax: .jekyll, name: "variable", positional: [expression], named: [:], body: nil)
            if let expanded = run.expander.render(call, in: run.article) { return run.protect(expanded) }
            run.warn(String(match.output[0].substring ?? ""), at: match.range.lowerBound, "Liquid variable")
            return run.protect(String(match.output[0].substring ?? ""))
        }
    }

    /// Hugo and Zola calls, except inside code blocks and code spans.
    mutating func expandOutsideCode() {
        if text.containsBytes("{%"), text.containsBytes("end") {
            expandZolaBlocks()
        }
        if Self.hasCall(in: text, opener: "{{", where: Self.startsWithZolaCall) {
            expandZolaInline()
        }
        if text.containsBytes("{{<") || text.containsBytes("{{%") {
            expandHugo()
        }
    }

    /// Whether `opener` appears followed (after spaces and a Liquid `-`) by text that
    /// `matches`: a cheap test that spares the regular expressions most bodies.
    static func hasCall(in text: String, opener: String, where matches: (Substring) -> Bool) -> Bool {
        var rest = Substring(text)
        while let open = rest.firstByteRange(of: opener) {
            if matches(rest[open.upperBound...].drop { $0 == " " || $0 == "-" }) { return true }
            rest = rest[open.upperBound...]
        }
        return false
    }

    /// `name(`, as a Zola call starts.
    static func startsWithZolaCall(_ text: Substring) -> Bool {
        let name = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return !name.isEmpty && text.dropFirst(name.count).first == "("
    }

    private mutating func expandZolaBlocks() {
        replaceAll(patterns.zolaBlock, outsideCode: true) { run, match in
            let call = ShortcodeCall(
                syntax: .zola, name: String(match.output[1].substring ?? ""), positional: [],
                named: ShortcodeCall.splitZolaArguments(String(match.output[2].substring ?? "")),
                body: String(match.output[3].substring ?? ""))
            return run.expanded(
                call, written: String(match.output[0].substring ?? ""), at: match.range.lowerBound, "Zola shortcode")
        }
    }

    private mutating func expandZolaInline() {
        replaceAll(patterns.zolaInline, outsideCode: true) { run, match in
            let call = ShortcodeCall(
                syntax: .zola, name: String(match.output[1].substring ?? ""), positional: [],
                named: ShortcodeCall.splitZolaArguments(String(match.output[2].substring ?? "")), body: nil)
            return run.expanded(
                call, written: String(match.output[0].substring ?? ""), at: match.range.lowerBound, "Zola shortcode")
        }
    }

    /// Hugo calls, pairing `{{< name >}}…{{< /name >}}` and leaving lone closing calls.
    mutating func expandHugo() {
        var searchFrom = text.startIndex
        while let match = nextMatch(patterns.hugoCall, from: searchFrom) {
            let isClosing = match.output[2].substring == "/"
            let name = String(match.output[3].substring ?? "")
            let selfClosing = match.output[5].substring == "/"
            guard !isClosing else {
                searchFrom = match.range.upperBound
                continue
            }
            var end = match.range.upperBound
            var body: String?
            if !selfClosing, let closing = closingCall(named: name, after: match.range.upperBound) {
                body = String(text[match.range.upperBound..<closing.lowerBound])
                end = closing.upperBound
            }
            let arguments = ShortcodeCall.splitArguments(String(match.output[4].substring ?? ""))
            let call = ShortcodeCall(
                syntax: .hugo, name: name, positional: arguments.positional, named: arguments.named, body: body)
            let written = String(text[match.range.lowerBound..<end])
            let replacement = Self.keepingLines(
                expanded(call, written: written, at: match.range.lowerBound, "Hugo shortcode"), of: Substring(written))
            let start = text.distance(from: text.startIndex, to: match.range.lowerBound)
            text.replaceSubrange(match.range.lowerBound..<end, with: replacement)
            searchFrom = text.index(text.startIndex, offsetBy: start + replacement.count)
        }
    }

    mutating func expanded(_ call: ShortcodeCall, written: String, at index: String.Index, _ what: String) -> String {
        if let expanded = expander.render(call, in: article) { return protect(expanded) }
        warn(written, at: index, what)
        return protect(written)
    }

    /// The range of `{{< /name >}}` (or `{{% /name %}}`) after a position, outside code.
    func closingCall(named name: String, after index: String.Index) -> Range<String.Index>? {
        var from = index
        while let match = nextMatch(patterns.hugoCall, from: from) {
            if match.output[2].substring == "/", match.output[3].substring.map(String.init) == name {
                return match.range
            }
            from = match.range.upperBound
        }
        return nil
    }

    /// The next match at or after `index` that does not start inside code.
    func nextMatch(_ regex: Regex<AnyRegexOutput>, from index: String.Index) -> Regex<AnyRegexOutput>.Match? {
        let code = CodeRanges(text)
        var from = index
        while from < text.endIndex, let match = try? regex.firstMatch(in: text[from...]) {
            if !code.contains(match.range.lowerBound) { return match }
            from = text.index(after: match.range.lowerBound)
        }
        return nil
    }

    /// Replaces every match, left to right, with what `replacement` returns.
    mutating func replaceAll(
        _ regex: Regex<AnyRegexOutput>, outsideCode: Bool = false,
        _ replacement: (inout Run, Regex<AnyRegexOutput>.Match) -> String
    ) {
        var searchFrom = text.startIndex
        while true {
            let found =
                outsideCode ? nextMatch(regex, from: searchFrom) : (try? regex.firstMatch(in: text[searchFrom...]))
            guard let match = found else { return }
            let start = text.distance(from: text.startIndex, to: match.range.lowerBound)
            let new = Self.keepingLines(replacement(&self, match), of: text[match.range])
            text.replaceSubrange(match.range, with: new)
            searchFrom = text.index(text.startIndex, offsetBy: start + new.count)
        }
    }
}
