import GazetteCore

/// Turns plain-text paragraphs into HTML: escaped text, `<p>` per paragraph, bare URLs as links.
enum PlainTextRenderer {
    /// HTML for the paragraphs.
    static func html(_ paragraphs: [String]) -> String {
        paragraphs.map { "<p>\(linkify($0))</p>\n" }.joined()
    }

    /// Escapes `text` for HTML and turns `http://`, `https://` and `www.` addresses into links.
    static func linkify(_ text: String) -> String {
        var html = ""
        var rest = Substring(text)
        while let start = nextURLStart(in: rest) {
            html += XMLText.escape(String(rest[..<start]))
            var end = rest[start...].firstIndex(where: \.isWhitespace) ?? rest.endIndex
            end = trimTrailingPunctuation(rest[start..<end])
            let url = String(rest[start..<end])
            let target = url.lowercased().hasPrefix("www.") ? "https://" + url : url
            html += "<a href=\"\(XMLText.escape(target))\">\(XMLText.escape(url))</a>"
            rest = rest[end...]
        }
        return html + XMLText.escape(String(rest))
    }

    private static func nextURLStart(in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            let atWordStart = index == text.startIndex || !text[text.index(before: index)].isLetter
            if atWordStart {
                let candidate = text[index...].prefix(8).lowercased()
                if candidate.hasPrefix("https://") || candidate.hasPrefix("http://") || candidate.hasPrefix("www.") {
                    let afterPrefix = text[index...].dropFirst(
                        candidate.hasPrefix("https://") ? 8 : candidate.hasPrefix("http://") ? 7 : 4)
                    if let next = afterPrefix.first, next.isLetter || next.isNumber { return index }
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Leaves sentence punctuation and unbalanced closing brackets out of a URL.
    private static func trimTrailingPunctuation(_ url: Substring) -> Substring.Index {
        var end = url.endIndex
        while end > url.startIndex {
            let last = url[url.index(before: end)]
            let candidate = url[url.startIndex..<end]
            if ".,;:!?\"'”’»".contains(last) {
                end = url.index(before: end)
            } else if last == ")" && candidate.filter({ $0 == "(" }).count < candidate.filter({ $0 == ")" }).count {
                end = url.index(before: end)
            } else {
                break
            }
        }
        return end
    }
}
