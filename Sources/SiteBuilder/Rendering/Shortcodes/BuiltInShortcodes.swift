import GazetteCore
import SiteModel

/// The shortcodes and Liquid tags blogs use most, rendered as their generators render them:
/// Hugo's `figure`, `youtube`, `vimeo`, `gist`, `highlight`, `ref` and `relref`; Jekyll's
/// `highlight`, `link`, `post_url` and `site.url`/`site.baseurl`; Zola's `youtube()`,
/// `vimeo()` and `gist()`. Code becomes a fenced block, so the build's highlighter colours it.
struct BuiltInShortcodes: Sendable {
    /// Where links point, for `ref`, `link` and `post_url`, and for images in figures.
    let links: LinkResolver
    /// The site's base URL, ending in `/`.
    let baseURL: String

    /// The HTML or Markdown for a call; `nil` when no built-in has its name.
    func render(_ call: ShortcodeCall, in article: Article) -> String? {
        switch (call.syntax, call.name) {
        case (.hugo, "figure"): figure(call, in: article)
        case (_, "youtube"): video(call, embed: "https://www.youtube-nocookie.com/embed/", title: "YouTube video")
        case (_, "vimeo"): video(call, embed: "https://player.vimeo.com/video/", title: "Vimeo video")
        case (_, "gist"): gist(call)
        case (.hugo, "highlight"), (.jekyll, "highlight"): fencedCode(call)
        case (.hugo, "ref"), (.hugo, "relref"): reference(call.argument("path", at: 0), in: article)
        case (.jekyll, "link"): call.positional.first.flatMap { reference($0, in: article, fromRoot: true) }
        case (.jekyll, "post_url"): call.positional.first.flatMap(postURL)
        case (.jekyll, "variable"): call.positional.first.flatMap(liquidVariable)
        default: nil
        }
    }

    private func figure(_ call: ShortcodeCall, in article: Article) -> String? {
        guard let source = call.argument("src") else { return nil }
        func attribute(_ name: String, _ value: String?) -> String {
            value.map { " \(name)=\"\(XMLText.escape($0))\"" } ?? ""
        }
        let image =
            "<img" + attribute("src", published(source, in: article)) + attribute("alt", call.argument("alt") ?? "")
            + attribute("width", call.argument("width")) + attribute("height", call.argument("height")) + ">"
        let linked =
            call.argument("link").map { "<a href=\"\(XMLText.escape(published($0, in: article)))\">\(image)</a>" }
            ?? image
        var caption = ""
        if let title = call.argument("title") { caption += "<strong>\(XMLText.escape(title))</strong> " }
        if let text = call.argument("caption") { caption += XMLText.escape(text) }
        let figcaption = caption.isEmpty ? "" : "<figcaption>\(caption.trimmingWhitespace())</figcaption>"
        return "<figure\(attribute("class", call.argument("class")))>\(linked)\(figcaption)</figure>"
    }

    private func video(_ call: ShortcodeCall, embed: String, title: String) -> String? {
        guard let id = call.argument("id", at: 0), !id.isEmpty,
            id.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) })
        else { return nil }
        let label = XMLText.escape(call.argument("title") ?? title)
        return
            "<div class=\"video\"><iframe src=\"\(embed)\(id)\" title=\"\(label)\" loading=\"lazy\" allowfullscreen></iframe></div>"
    }

    /// A link to the gist, which readers open on GitHub (Gazette runs no third-party scripts).
    private func gist(_ call: ShortcodeCall) -> String? {
        let url: String
        if let given = call.argument("url") {
            url = given
        } else if call.positional.count >= 2 {
            url = "https://gist.github.com/\(call.positional[0])/\(call.positional[1])"
        } else {
            return nil
        }
        guard url.hasPrefix("https://") else { return nil }
        let name = url.split(separator: "/").suffix(2).joined(separator: "/")
        return "<p class=\"gist\"><a href=\"\(XMLText.escape(url))\">Gist \(XMLText.escape(name))</a></p>"
    }

    private func fencedCode(_ call: ShortcodeCall) -> String? {
        guard let body = call.body else { return nil }
        let language = call.positional.first ?? ""
        let code = body.trimmingCharacters(in: "\n")
        let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(in: code) + 1))
        return "\n\(fence)\(language)\n\(code)\n\(fence)\n"
    }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// The URL of another content file named as Hugo's `ref` and Jekyll's `link` name it:
    /// relative to the article or to `content/`, with or without `.md`, a bundle by its folder.
    private func reference(_ written: String?, in article: Article, fromRoot: Bool = false) -> String? {
        guard let written, !written.isEmpty else { return nil }
        let anchorStart = written.firstIndex(of: "#") ?? written.endIndex
        let path = String(written[..<anchorStart])
        let anchor = String(written[anchorStart...])
        // Jekyll's special folders (`_posts`) are plain folders of content/ here.
        let rootPath = path.drop { $0 == "/" }.split(separator: "/").map { $0.hasPrefix("_") ? $0.dropFirst() : $0 }
            .joined(separator: "/")
        let candidates =
            [path, path + ".md", path + "/index.md", path + "/_index.md"].map { fromRoot ? "@/" + $0 : $0 }
            + [rootPath, rootPath + ".md", rootPath + "/index.md"].map { "@/" + $0 }
        for candidate in candidates {
            if let url = links.resolve(candidate + anchor, from: article.contentPath) { return url }
        }
        return nil
    }

    /// Jekyll's `{% post_url 2010-07-21-name %}` (maybe in a subfolder): the post's URL.
    private func postURL(_ name: String) -> String? {
        for ext in [".md", ".markdown", ".html"] {
            let file = name + ext
            let fileName = String(file.split(separator: "/").last ?? "")
            if let match = links.articleSources(named: fileName).first(where: { $0 == file || $0.hasSuffix("/" + file) }
            ) {
                return links.resolve("@/" + match, from: "")
            }
        }
        return nil
    }

    /// `site.url`, `site.baseurl`, and a quoted path through `relative_url` or `absolute_url`.
    private func liquidVariable(_ expression: String) -> String? {
        let basePath = links.basePath
        switch expression {
        case "site.url": return String(baseURL.dropLast())
        case "site.baseurl": return String(basePath.dropLast())
        default: break
        }
        let parts = expression.split(separator: "|", maxSplits: 1).map { $0.trimmingWhitespace() }
        guard parts.count == 2 else { return nil }
        let path = parts[0].trimmingCharacters(in: "\"'").drop { $0 == "/" }
        switch parts[1] {
        case "relative_url": return basePath + path
        case "absolute_url": return baseURL + path
        default: return nil
        }
    }

    /// A reference as the page publishes it: content files by their URL, others as written.
    private func published(_ reference: String, in article: Article) -> String {
        links.resolve(reference, from: article.contentPath) ?? reference
    }
}
