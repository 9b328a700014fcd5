import GazetteCore

/// What HTML5 forbids that libxml2's HTML 4 parser does not know: obsolete elements and
/// attributes, interactive content nested in interactive content, and `aria-*` or `role` misuse,
/// judged as the Nu Html Checker judges them (its errors are errors, its warnings warnings).
enum HTML5Rules {
    /// An element open around the one being checked.
    struct OpenElement {
        let name: String
        let line: Int
        /// Whether it is interactive content, inside which no other may be.
        let isInteractive: Bool
    }

    /// Appends to `problems` those of element `name` with `attributes` (names lower-cased, as
    /// libxml2's HTML parser reads them), opened on `line` inside `open`.
    static func check(
        _ name: String, attributes: ArraySlice<HTMLScan.Attribute>, isInteractive: Bool, line: Int,
        inside open: [OpenElement], into problems: inout [XMLDiagnostic]
    ) {
        if let replacement = obsoleteElements[name] {
            problems.append(
                XMLDiagnostic(
                    severity: .error, message: "<\(name)> is obsolete in HTML5; \(replacement)", line: line,
                    rule: "html-obsolete"))
        }
        var hasRole = false
        var isLabelled = false
        for attribute in attributes {
            let attributeName = attribute.name
            if attributeName == "role" {
                hasRole = true
                for role in attribute.value.split(separator: " ") where !isRole(String(role)) {
                    problems.append(
                        XMLDiagnostic(
                            severity: .error, message: "role=\"\(role)\" is not an ARIA role", line: line,
                            rule: "html-aria"))
                }
            } else if attributeName.hasPrefix("aria-") {
                isLabelled = isLabelled || attributeName == "aria-label" || attributeName == "aria-labelledby"
                if !ariaAttributes.contains(attributeName) {
                    problems.append(
                        XMLDiagnostic(
                            severity: .error, message: "\(attributeName) is not an ARIA attribute; check its spelling",
                            line: line, rule: "html-aria"))
                }
            } else if obsoleteAttributeNames.contains(attributeName),
                let replacement = obsoleteAttribute(attributeName, on: name)
            {
                problems.append(
                    XMLDiagnostic(
                        severity: .error,
                        message: "the \(attributeName) attribute on <\(name)> is obsolete in HTML5; \(replacement)",
                        line: line, rule: "html-obsolete"))
            }
        }
        if isLabelled, !hasRole, unnameable.contains(name) {
            problems.append(
                XMLDiagnostic(
                    severity: .warning,
                    message:
                        "aria-label on <\(name)>, which has no role that takes a name, is ignored by many screen readers; put it on a landmark (nav, section) or a control",
                    line: line, rule: "html-aria"))
        }
        if isInteractive, let outer = open.last(where: { $0.isInteractive && ($0.name == "a" || $0.name == "button") })
        {
            problems.append(
                XMLDiagnostic(
                    severity: .error,
                    message:
                        "<\(name)> is interactive and must not be inside the <\(outer.name)> opened on line \(outer.line); a link or button cannot hold another",
                    line: line, rule: "html-nesting"))
        }
    }

    /// Whether element `name` with `attributes` is interactive content (HTML §3.2.5.2.7).
    static func isInteractive(_ name: String, attributes: ArraySlice<HTMLScan.Attribute>) -> Bool {
        func has(_ attribute: String) -> Bool { attributes.contains { $0.name == attribute } }
        switch name {
        case "a": return has("href")
        case "button", "details", "embed", "iframe", "label", "select", "textarea": return true
        case "input": return attributes.first { $0.name == "type" }?.value.lowercased() != "hidden"
        case "audio", "video": return has("controls")
        case "img": return has("usemap")
        default: return false
        }
    }

    /// Elements that start a block and so end an open `p` (HTML §13.2.6.4.7).
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu",
        "nav", "ol", "p", "pre", "section", "table", "ul",
    ]

    private static let obsoleteElements: [String: String] = [
        "acronym": "use <abbr>", "applet": "use <object> or <embed>", "basefont": "use CSS",
        "bgsound": "use <audio>", "big": "use CSS", "blink": "use CSS", "center": "use CSS (text-align: center)",
        "dir": "use <ul>", "font": "use CSS", "frame": "use <iframe> or CSS", "frameset": "use <iframe> or CSS",
        "isindex": "use a form", "keygen": "use another way to make keys", "listing": "use <pre> and <code>",
        "marquee": "use CSS or script", "menuitem": "use script", "multicol": "use CSS", "nextid": "use GUIDs",
        "nobr": "use CSS (white-space: nowrap)", "noembed": "use <object>", "noframes": "use <iframe>",
        "plaintext": "use text/plain", "rb": "use <ruby> and <rt>", "rtc": "use <ruby> and <rt>",
        "spacer": "use CSS", "strike": "use <del> or <s>", "tt": "use <code>, <kbd>, <samp> or CSS",
        "xmp": "use <pre> and <code>",
    ]

    /// Every attribute name `obsoleteAttribute` knows, so that other names are passed by at once.
    private static let obsoleteAttributeNames: Set<String> = [
        "align", "valign", "bgcolor", "background", "cellpadding", "cellspacing", "frameborder", "scrolling",
        "marginheight", "marginwidth", "hspace", "vspace", "nowrap", "noshade", "bordercolor", "clear", "width",
        "height", "size", "type", "name", "language", "charset", "rev", "border",
    ]

    /// The advice for attribute `name` on `element` when HTML5 made it obsolete; `nil` when it
    /// is not obsolete there.
    private static func obsoleteAttribute(_ name: String, on element: String) -> String? {
        switch name {
        case "align", "valign", "bgcolor", "background", "cellpadding", "cellspacing", "frameborder", "scrolling",
            "marginheight", "marginwidth", "hspace", "vspace", "nowrap", "noshade", "bordercolor":
            return "use CSS"
        case "clear" where element == "br": return "use CSS"
        case "width" where sizedByCSS.contains(element), "height" where sizedByCSS.contains(element):
            return "use CSS"
        case "size" where element == "hr": return "use CSS"
        case "type" where element == "ul": return "use CSS (list-style-type)"
        case "name" where element == "a": return "put an id on the element instead"
        case "language" where element == "script": return "leave it out"
        case "charset" where element == "a" || element == "link": return "leave it out"
        case "rev" where element == "a" || element == "link": return "use rel with the opposite relation"
        case "border" where element == "img" || element == "object": return "use CSS"
        default: return nil
        }
    }

    /// Elements whose `width` and `height` attributes HTML5 made obsolete.
    private static let sizedByCSS: Set<String> = ["td", "th", "table", "tr", "col", "hr", "pre"]

    /// Elements whose implicit role takes no accessible name (ARIA 1.2 §5.2.8.6), or none at
    /// all, as the Nu Html Checker warns about.
    private static let unnameable: Set<String> = [
        "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dd", "del", "dfn", "div", "dl", "dt", "em", "i",
        "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
        "strong", "sub", "sup", "time", "u", "ul", "var", "wbr",
    ]

    /// The states and properties of WAI-ARIA 1.2 and 1.3.
    private static let ariaAttributes: Set<String> = [
        "aria-activedescendant", "aria-atomic", "aria-autocomplete", "aria-braillelabel",
        "aria-brailleroledescription", "aria-busy", "aria-checked", "aria-colcount", "aria-colindex",
        "aria-colindextext", "aria-colspan", "aria-controls", "aria-current", "aria-describedby",
        "aria-description", "aria-details", "aria-disabled", "aria-dropeffect", "aria-errormessage",
        "aria-expanded", "aria-flowto", "aria-grabbed", "aria-haspopup", "aria-hidden", "aria-invalid",
        "aria-keyshortcuts", "aria-label", "aria-labelledby", "aria-level", "aria-live", "aria-modal",
        "aria-multiline", "aria-multiselectable", "aria-orientation", "aria-owns", "aria-placeholder",
        "aria-posinset", "aria-pressed", "aria-readonly", "aria-relevant", "aria-required", "aria-roledescription",
        "aria-rowcount", "aria-rowindex", "aria-rowindextext", "aria-rowspan", "aria-selected", "aria-setsize",
        "aria-sort", "aria-valuemax", "aria-valuemin", "aria-valuenow", "aria-valuetext",
    ]

    /// The concrete roles of WAI-ARIA 1.2; DPUB-ARIA (`doc-*`) and Graphics ARIA
    /// (`graphics-*`) roles are taken as they are.
    private static let roles: Set<String> = [
        "alert", "alertdialog", "application", "article", "banner", "blockquote", "button", "caption", "cell",
        "checkbox", "code", "columnheader", "combobox", "comment", "complementary", "contentinfo", "definition",
        "deletion", "dialog", "directory", "document", "emphasis", "feed", "figure", "form", "generic", "grid",
        "gridcell", "group", "heading", "img", "image", "insertion", "link", "list", "listbox", "listitem", "log",
        "main", "mark", "marquee", "math", "menu", "menubar", "menuitem", "menuitemcheckbox", "menuitemradio",
        "meter", "navigation", "none", "note", "option", "paragraph", "presentation", "progressbar", "radio",
        "radiogroup", "region", "row", "rowgroup", "rowheader", "scrollbar", "search", "searchbox", "separator",
        "slider", "spinbutton", "status", "strong", "subscript", "suggestion", "superscript", "switch", "tab",
        "table", "tablist", "tabpanel", "term", "textbox", "time", "timer", "toolbar", "tooltip", "tree",
        "treegrid", "treeitem",
    ]

    private static func isRole(_ role: String) -> Bool {
        let role = role.lowercased()
        return roles.contains(role) || role.hasPrefix("doc-") || role.hasPrefix("graphics-")
    }
}
