/// Finds the tags of a Mustache template's text by walking its Unicode scalars, for the checks
/// that read a theme before it is compiled (`TemplateNames`, `TemplateCycles`, `Theme`,
/// `TemplateInlining`). Each finds what a regular expression written beside it would, without
/// compiling one on every call: those checks run on every build, and compiling their patterns
/// cost more than the rest of them.
enum TemplateTagScan {
    /// A tag: `{{…}}` or `{{{…}}}`.
    struct Tag {
        /// Where the tag stands in the text.
        let range: Range<String.Index>
        /// Whether it opens with three braces.
        let isTriple: Bool
        /// What stands between the opening braces and the first closing one.
        let content: Substring
    }

    /// The tags of `text` in order, as the pattern `\{\{(\{?)([^}]*)\}?\}\}` finds them: from
    /// each `{{` (and a third `{`), the text up to the first `}`, which must be doubled to
    /// close the tag (a third `}` belongs to it too). A `{{` whose first `}` is single opens no
    /// tag.
    static func tags(in text: Substring) -> [Tag] {
        let scalars = text.unicodeScalars
        var tags: [Tag] = []
        var from = scalars.startIndex
        while let open = openingBraces(in: scalars, from: from) {
            let contentStart = scalars.index(open, offsetBy: 2)
            guard let close = scalars[contentStart...].firstIndex(of: "}") else { break }
            let afterClose = scalars.index(after: close)
            guard afterClose < scalars.endIndex, scalars[afterClose] == "}" else {
                from = scalars.index(after: open)
                continue
            }
            var end = scalars.index(after: afterClose)
            if end < scalars.endIndex && scalars[end] == "}" { end = scalars.index(after: end) }
            let isTriple = contentStart < close && scalars[contentStart] == "{"
            let content = text[(isTriple ? scalars.index(after: contentStart) : contentStart)..<close]
            tags.append(Tag(range: open..<end, isTriple: isTriple, content: content))
            from = end
        }
        return tags
    }

    /// A tag naming another template: a partial (`{{> name}}`) or a layout (`{{< name}}`).
    struct Reference {
        /// Where the tag stands in the text.
        let range: Range<String.Index>
        /// The template it names.
        let name: Substring
    }

    /// How a reference tag may be written, beyond `{{`, one of its markers, the name and `}}`
    /// with white space around the name.
    struct ReferenceForm {
        /// The characters that mark a reference: `>` for partials, `<` for layouts.
        var markers: Set<Unicode.Scalar>
        /// Whether white space may stand between `{{` and the marker.
        var spaceBeforeMarker: Bool
        /// Whether a `*` (a partial named at render time) may stand before the name, and the
        /// name hold `*`; when not, a name ends before any `*` and such a tag is no reference.
        var dynamicNames: Bool

        /// `\{\{\s*[<>]\s*([^\s}*]+)\s*\}\}`: partials and layouts named in the text.
        static let partialsAndLayouts = ReferenceForm(
            markers: [">", "<"], spaceBeforeMarker: true, dynamicNames: false)
        /// `\{\{\s*>\s*\*?\s*([^\s}]+)\s*\}\}`: partials, also those named at render time.
        static let anyPartial = ReferenceForm(markers: [">"], spaceBeforeMarker: true, dynamicNames: true)
        /// `\{\{>\s*([^\s}*]+)\s*\}\}`: partials named in the text, the marker right after `{{`.
        static let partialsAsWritten = ReferenceForm(markers: [">"], spaceBeforeMarker: false, dynamicNames: false)
    }

    /// The references of `text` written in `form`, in order, as the pattern `form` names finds
    /// them.
    static func references(in text: Substring, _ form: ReferenceForm) -> [Reference] {
        let scalars = text.unicodeScalars
        var references: [Reference] = []
        var from = scalars.startIndex
        while let open = openingBraces(in: scalars, from: from) {
            if let reference = reference(in: text, at: open, form, starred: form.dynamicNames)
                ?? (form.dynamicNames ? reference(in: text, at: open, form, starred: false) : nil)
            {
                references.append(reference)
                from = reference.range.upperBound
            } else {
                from = scalars.index(after: open)
            }
        }
        return references
    }

    /// The reference whose `{{` stands at `open`, if one does; with `starred`, a `*` before
    /// the name is passed over (and the name may hold one); without, a name holding `*` is
    /// one only when `form` allows render-time names.
    private static func reference(in text: Substring, at open: String.Index, _ form: ReferenceForm, starred: Bool)
        -> Reference?
    {
        let scalars = text.unicodeScalars
        var index = scalars.index(open, offsetBy: 2)
        func skipSpace() {
            while index < scalars.endIndex && scalars[index].properties.isWhitespace {
                index = scalars.index(after: index)
            }
        }
        if form.spaceBeforeMarker { skipSpace() }
        guard index < scalars.endIndex, form.markers.contains(scalars[index]) else { return nil }
        index = scalars.index(after: index)
        skipSpace()
        if starred {
            guard index < scalars.endIndex, scalars[index] == "*" else { return nil }
            index = scalars.index(after: index)
            skipSpace()
        }
        let nameStart = index
        while index < scalars.endIndex, !scalars[index].properties.isWhitespace, scalars[index] != "}",
            form.dynamicNames || scalars[index] != "*"
        {
            index = scalars.index(after: index)
        }
        guard index > nameStart else { return nil }
        let name = text[nameStart..<index]
        skipSpace()
        guard index < scalars.endIndex, scalars[index] == "}" else { return nil }
        index = scalars.index(after: index)
        guard index < scalars.endIndex, scalars[index] == "}" else { return nil }
        return Reference(range: open..<scalars.index(after: index), name: name)
    }

    /// Where the next `{{` starts at or after `from`.
    private static func openingBraces(in scalars: Substring.UnicodeScalarView, from: String.Index) -> String.Index? {
        var index = from
        while let found = scalars[index...].firstIndex(of: "{") {
            let next = scalars.index(after: found)
            guard next < scalars.endIndex else { return nil }
            if scalars[next] == "{" { return found }
            index = next
        }
        return nil
    }
}
