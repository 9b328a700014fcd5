/// The names a template can look up: every word inside its tags and the tags of the templates
/// it includes or inherits, however deep. A page made with it can only show what these names
/// reach, so a cache key for the page need only cover the values they name. A word that is
/// not a name (a comment's, a transform's) only makes the set larger, never wrong.
enum TemplateNames {
    /// The names `template` and the templates it reaches (in `sources`, name to text) can
    /// look up; `nil` when that cannot be told from the text: a tag that changes the
    /// delimiters, or a partial named at render time. (`{{.}}` shows a value a section named,
    /// or a view, which shows as its type's name: `TemplateView`.)
    static func used(by template: String, in sources: [String: String]) -> Set<String>? {
        used(byAnyOf: [template], in: sources)
    }

    /// The names any of `templates` and the templates they reach can look up, each template
    /// read once; `nil` when that cannot be told from the text (`used(by:in:)`).
    static func used(byAnyOf templates: some Sequence<String>, in sources: [String: String]) -> Set<String>? {
        var names: Set<String> = []
        var pending = Array(templates)
        var seen: Set<String> = []
        while let name = pending.popLast() {
            guard seen.insert(name).inserted, let text = sources[name] else { continue }
            pending += TemplateCycles.references(in: text)
            for tag in TemplateTagScan.tags(in: text[...]) {
                let body = tag.content.trimmingPrefix(while: \.isWhitespace)
                if body.first == "=" { return nil }
                // A template named here is followed through `references`; one named at render
                // time cannot be.
                if body.first == ">" || body.first == "<" {
                    if body.dropFirst().trimmingPrefix(while: \.isWhitespace).first == "*" { return nil }
                    continue
                }
                names.formUnion(body.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            }
        }
        return names
    }
}
