import CCmarkGFM
import GazetteCore
import Synchronization

/// Renders CommonMark with GitHub's extensions (tables, strikethrough, autolinks, task lists,
/// footnotes) to HTML through cmark-gfm.
///
/// Raw HTML in the input passes through unchanged. A renderer holds no state, so one value
/// can render on many threads at once; the one step cmark-gfm cannot run on several threads
/// at once is serialized inside.
public struct MarkdownRenderer: Sendable {
    /// The GitHub extensions attached to every parser.
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// cmark-gfm's extension registry is global; fill it once.
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// cmark-gfm 0.29 parses inlines against a global table of special characters, which
    /// each `cmark_parser_finish` fills with its extensions' characters (`~` for
    /// strikethrough, `:` and `w` for autolinks) and empties again when done; two finishes at
    /// once would lose each other's characters, so they take turns.
    private static let inlineParsing = Mutex(())

    /// Whether straight quotes, `--`, `---` and `...` become typographic punctuation.
    public let smartPunctuation: Bool

    /// Creates a renderer.
    /// - Parameter smartPunctuation: Whether straight quotes, `--`, `---` and `...` become
    ///   “typographic” quotes, – and — dashes and … (cmark-gfm's smart option).
    public init(smartPunctuation: Bool = false) {
        self.smartPunctuation = smartPunctuation
    }

    /// Renders a Markdown document.
    /// - Parameters:
    ///   - markdown: The document, as UTF-8 text.
    ///   - rewriteURL: Called with the destination of every link and image; return a new
    ///     destination, or `nil` to keep it.
    ///   - mappingLines: Whether to find which lines of the document each line of the HTML
    ///     came from (`RenderedMarkdown.sourceLine(ofHTMLLine:)`), at the cost of rendering each
    ///     block a second time.
    /// - Returns: The HTML and what else the document tells: its words, first paragraph,
    ///   headings and first image.
    public func render(
        _ markdown: String, rewriteURL: (String) -> String? = { _ in nil }, mappingLines: Bool = false
    ) -> RenderedMarkdown {
        prepared(markdown, rewriteURL: rewriteURL) { tree in
            RenderedMarkdown(
                html: Self.headingFootnotes(Self.take(cmark_render_html(tree.document, tree.options, tree.extensions))),
                wordCount: PlainTextWords.count(in: tree.document),
                firstParagraph: tree.firstParagraph.map { Self.take(cmark_render_plaintext($0, tree.options, 0)) }
                    ?? "",
                headings: tree.headings,
                firstImage: tree.firstImage,
                hasRawHTML: tree.hasRawHTML,
                blocks: mappingLines
                    ? Self.blockLines(of: tree.document, options: tree.options, extensions: tree.extensions) : []
            )
        } ?? .empty
    }

    /// The plain text of a Markdown document, as cmark-gfm writes it for the tree `render`
    /// renders (headings and highlighted code are HTML there, and write no text).
    public func plainText(_ markdown: String) -> String {
        let text = prepared(
            markdown, rewriteURL: { _ in nil }, { Self.take(cmark_render_plaintext($0.document, $0.options, 0)) })
        return text ?? ""
    }

    /// A parsed document, prepared for rendering, and what preparing it found.
    private struct PreparedTree {
        let document: OpaquePointer
        let options: Int32
        let extensions: UnsafeMutablePointer<cmark_llist>?
        let firstParagraph: OpaquePointer?
        let firstImage: String?
        let hasRawHTML: Bool
        let headings: [Heading]
    }

    /// Parses `markdown` and prepares its tree as every rendering does (prose "tags" as text,
    /// destinations rewritten, headings anchored, code highlighted), then hands it to `body`
    /// before freeing it; `nil` when cmark-gfm could not parse.
    private func prepared<Result>(
        _ markdown: String, rewriteURL: (String) -> String?, _ body: (PreparedTree) -> Result
    ) -> Result? {
        _ = Self.registered
        // Table alignment as `style="text-align: …"`: HTML5 made the `align` attribute obsolete.
        let options =
            CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
            | (smartPunctuation ? CMARK_OPT_SMART : 0)
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        let finished = Self.inlineParsing.withLock { _ in Int(bitPattern: cmark_parser_finish(parser)) }
        guard let document = OpaquePointer(bitPattern: finished) else { return nil }
        defer { cmark_node_free(document) }

        keepProseTagsAsText(in: document)
        let (firstParagraph, firstImage, hasRawHTML) = rewriteDestinations(in: document, rewriteURL)
        let extensions = cmark_parser_get_syntax_extensions(parser)
        let headings = addHeadingAnchors(in: document, options: options, extensions: extensions)
        highlightCodeBlocks(in: document)
        return body(
            PreparedTree(
                document: document, options: options, extensions: extensions, firstParagraph: firstParagraph,
                firstImage: firstImage, hasRawHTML: hasRawHTML, headings: headings))
    }

    /// Where each top-level block of `document` starts in the HTML and spans in the source,
    /// found by rendering each block on its own.
    private static func blockLines(
        of document: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
    ) -> [RenderedMarkdown.Block] {
        var blocks: [RenderedMarkdown.Block] = []
        var htmlLine = 1
        var node = cmark_node_first_child(document)
        while let block = node {
            blocks.append(
                RenderedMarkdown.Block(
                    htmlLine: htmlLine,
                    sourceLines: Int(
                        cmark_node_get_start_line(block))...Int(
                            max(cmark_node_get_start_line(block), cmark_node_get_end_line(block)))))
            htmlLine += take(cmark_render_html(block, options, extensions)).utf8.count { $0 == UInt8(ascii: "\n") }
            node = cmark_node_next(block)
        }
        return blocks
    }

    /// The footnotes `section` cmark-gfm writes, which HTML5 wants headed.
    private static let footnotesSection = "<section class=\"footnotes\" data-footnotes>\n"

    /// `html` with a heading at the top of its footnotes section, for screen readers' outline
    /// and the Nu Html Checker ("Section lacks heading"); themes hide it (`visually-hidden`),
    /// feed readers show it above the notes.
    private static func headingFootnotes(_ html: String) -> String {
        guard let section = html.firstByteRange(of: footnotesSection) else { return html }
        var headed = html
        headed.replaceSubrange(section, with: footnotesSection + "<h2 class=\"visually-hidden\">Footnotes</h2>\n")
        return headed
    }

    /// Rewrites link and image destinations in place; returns the first paragraph node, the
    /// first image's (rewritten) destination, and whether the document holds raw HTML.
    private func rewriteDestinations(in document: OpaquePointer, _ rewriteURL: (String) -> String?) -> (
        OpaquePointer?, String?, Bool
    ) {
        guard let iterator = cmark_iter_new(document) else { return (nil, nil, false) }
        defer { cmark_iter_free(iterator) }
        var firstParagraph: OpaquePointer?
        var firstImage: String?
        var hasRawHTML = false
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_PARAGRAPH, firstParagraph == nil, !isInsideFootnote(node) {
                firstParagraph = node
            }
            if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE,
                let literal = cmark_node_get_literal(node).map({ String(cString: $0) })
            {
                hasRawHTML = true
                let rewritten = RawHTMLLinks.rewriting(literal, rewriteURL)
                if rewritten != literal { cmark_node_set_literal(node, rewritten) }
                continue
            }
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
                let destination = cmark_node_get_url(node).map({ String(cString: $0) })
            else { continue }
            let rewritten = rewriteURL(destination)
            if let rewritten { cmark_node_set_url(node, rewritten) }
            if type == CMARK_NODE_IMAGE, firstImage == nil { firstImage = rewritten ?? destination }
        }
        return (firstParagraph, firstImage, hasRawHTML)
    }

    /// Turns inline "tags" that name no HTML element (`“<tags>” are useful`) into text, which
    /// is what their writer meant: a browser would hide them and leave them open.
    private func keepProseTagsAsText(in document: OpaquePointer) {
        var prose: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE,
                    let literal = cmark_node_get_literal(node).map({ String(cString: $0) }),
                    !HTMLElementNames.isMarkup(literal)
                else { continue }
                prose.append(node)
            }
            cmark_iter_free(iterator)
        }
        for node in prose {
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, cmark_node_get_literal(node))
            cmark_node_replace(node, text)
            cmark_node_free(node)
        }
    }

    /// Gives every heading an `id` made from its text (`## What is covered` →
    /// `id="what-is-covered"`), unique within the document, so `#fragment` links can reach it,
    /// and a `#` link to itself (`HeadingAnchor.linkClass`) that themes show on hover.
    /// - Returns: The headings, in order, for tables of contents.
    private func addHeadingAnchors(
        in document: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
    ) -> [Heading] {
        var headings: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_HEADING
                {
                    headings.append(node)
                }
            }
            cmark_iter_free(iterator)
        }
        var used: Set<String> = []
        // The next suffix to try for each base, so that many equal headings take linear time.
        var nextSuffix: [String: Int] = [:]
        var found: [Heading] = []
        for heading in headings {
            let level = cmark_node_get_heading_level(heading)
            let text = Self.singleSpaced(Self.take(cmark_render_plaintext(heading, options, 0)))
            let slug = HeadingAnchor.slug(text)
            let base = slug.isEmpty ? "section" : slug
            var anchor = base
            var suffix = nextSuffix[base, default: 1]
            while !used.insert(anchor).inserted {
                anchor = "\(base)-\(suffix)"
                suffix += 1
            }
            nextSuffix[base] = suffix
            let html = Self.take(cmark_render_html(heading, options, extensions))
            let openTag = "<h\(level)>"
            let closeTag = "</h\(level)>\n"
            guard html.hasPrefix(openTag), html.hasSuffix(closeTag), let block = cmark_node_new(CMARK_NODE_HTML_BLOCK)
            else { continue }
            let inner = html.dropFirst(openTag.count).dropLast(closeTag.count)
            cmark_node_set_literal(
                block, "<h\(level) id=\"\(anchor)\">\(inner)\(HeadingAnchor.link(to: anchor))\(closeTag)")
            cmark_node_replace(heading, block)
            cmark_node_free(heading)
            found.append(Heading(level: Int(level), id: anchor, text: text))
        }
        return found
    }

    /// The words of `text` joined by single spaces; ASCII text, nearly every heading, on its bytes.
    static func singleSpaced(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var words: [UInt8] = []
        var spaceWaits = false
        for byte in text.utf8 {
            if byte.isASCIIWhitespace {
                spaceWaits = !words.isEmpty
            } else {
                if spaceWaits { words.append(UInt8(ascii: " ")) }
                spaceWaits = false
                words.append(byte)
            }
        }
        return String(decoding: words, as: UTF8.self)
    }

    /// Replaces fenced code blocks in a language `CodeHighlighter` knows with highlighted HTML,
    /// `<pre><code class="language-swift">…</code></pre>`; other blocks stay as cmark renders them.
    private func highlightCodeBlocks(in document: OpaquePointer) {
        var blocks: [(OpaquePointer, String)] = []
        if let iterator = cmark_iter_new(document) {
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK,
                    let info = cmark_node_get_fence_info(node).map({ String(cString: $0) }),
                    let language = info.split(separator: " ").first.map(String.init), CodeHighlighter.knows(language)
                else { continue }
                blocks.append((node, language))
            }
            cmark_iter_free(iterator)
        }
        for (node, language) in blocks {
            let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            let languageClass = HeadingAnchor.slug(language.lowercased())
            cmark_node_set_literal(
                block,
                "<pre><code class=\"language-\(languageClass)\">\(CodeHighlighter.highlight(code, language: language))</code></pre>\n"
            )
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }
    }

    private func isInsideFootnote(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            if cmark_node_get_type(current) == CMARK_NODE_FOOTNOTE_DEFINITION { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }

    /// Copies a string cmark allocated and frees it with cmark's allocator.
    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { cmark_get_default_mem_allocator().pointee.free(pointer) }
        return String(cString: pointer)
    }
}

/// What rendering one Markdown document produced.
public struct RenderedMarkdown: Sendable, Hashable {
    static let empty = RenderedMarkdown(
        html: "", wordCount: 0, firstParagraph: "", headings: [], firstImage: nil, hasRawHTML: false, blocks: [])

    /// A top-level block: where its HTML starts, and the source lines it came from.
    struct Block: Sendable, Hashable {
        let htmlLine: Int
        let sourceLines: ClosedRange<Int>
    }

    /// The document as HTML.
    public let html: String
    /// The words of the document's plain text (`MarkdownRenderer.plainText(_:)`): runs
    /// between white space, each Chinese, Japanese or Korean character one.
    public let wordCount: Int
    /// The plain text of the first paragraph outside footnotes, for summaries.
    public let firstParagraph: String
    /// The document's headings, in order.
    public let headings: [Heading]
    /// The destination of the first image, after rewriting, if there is one.
    public let firstImage: String?
    /// Whether the document holds raw HTML, written by its author rather than by cmark-gfm.
    public let hasRawHTML: Bool
    /// The top-level blocks, when the render mapped lines.
    let blocks: [Block]

    /// The line of the Markdown document that line `line` of the HTML came from, when the
    /// render mapped lines (`render(_:rewriteURL:mappingLines:)`); otherwise `nil`.
    public func sourceLine(ofHTMLLine line: Int) -> Int? {
        guard let block = blocks.last(where: { $0.htmlLine <= line }) else { return nil }
        return min(block.sourceLines.lowerBound + (line - block.htmlLine), block.sourceLines.upperBound)
    }
}

/// A heading of a rendered document.
public struct Heading: Sendable, Hashable {
    /// 1 for `#`, 2 for `##`, …
    public let level: Int
    /// The `id` the heading was given.
    public let id: String
    /// Its text, without markup.
    public let text: String
}
