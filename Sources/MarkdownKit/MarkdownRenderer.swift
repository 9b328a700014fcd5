import CCmarkGFM

/// Renders CommonMark with GitHub's extensions (tables, strikethrough, autolinks, task lists,
/// footnotes) to HTML through cmark-gfm.
///
/// Raw HTML in the input passes through unchanged. A renderer holds no state, so one value
/// can render on many threads at once.
public struct MarkdownRenderer: Sendable {
    /// The GitHub extensions attached to every parser.
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// cmark-gfm's extension registry is global; fill it once.
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// Creates a renderer.
    public init() {}

    /// Renders a Markdown document.
    /// - Parameters:
    ///   - markdown: The document, as UTF-8 text.
    ///   - rewriteURL: Called with the destination of every link and image; return a new
    ///     destination, or `nil` to keep it.
    /// - Returns: The HTML and a plain-text view of the document.
    public func render(_ markdown: String, rewriteURL: (String) -> String? = { _ in nil }) -> RenderedMarkdown {
        _ = Self.registered
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { return RenderedMarkdown(html: "", plainText: "", firstParagraph: "") }
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
        guard let document = cmark_parser_finish(parser) else { return RenderedMarkdown(html: "", plainText: "", firstParagraph: "") }
        defer { cmark_node_free(document) }

        let firstParagraph = rewriteDestinations(in: document, rewriteURL)
        let extensions = cmark_parser_get_syntax_extensions(parser)
        addHeadingAnchors(in: document, options: options, extensions: extensions)
        return RenderedMarkdown(
            html: Self.take(cmark_render_html(document, options, extensions)),
            plainText: Self.take(cmark_render_plaintext(document, options, 0)),
            firstParagraph: firstParagraph.map { Self.take(cmark_render_plaintext($0, options, 0)) } ?? ""
        )
    }

    /// Rewrites link and image destinations in place; returns the first paragraph node.
    private func rewriteDestinations(in document: OpaquePointer, _ rewriteURL: (String) -> String?) -> OpaquePointer? {
        guard let iterator = cmark_iter_new(document) else { return nil }
        defer { cmark_iter_free(iterator) }
        var firstParagraph: OpaquePointer?
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_PARAGRAPH, firstParagraph == nil, !isInsideFootnote(node) {
                firstParagraph = node
            }
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
                  let destination = cmark_node_get_url(node).map({ String(cString: $0) }),
                  let rewritten = rewriteURL(destination)
            else { continue }
            cmark_node_set_url(node, rewritten)
        }
        return firstParagraph
    }

    /// Gives every heading an `id` made from its text (`## What is covered` →
    /// `id="what-is-covered"`), unique within the document, so `#fragment` links can reach it.
    private func addHeadingAnchors(in document: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?) {
        var headings: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_HEADING {
                    headings.append(node)
                }
            }
            cmark_iter_free(iterator)
        }
        var used: Set<String> = []
        for heading in headings {
            let level = cmark_node_get_heading_level(heading)
            let base = HeadingAnchor.slug(Self.take(cmark_render_plaintext(heading, options, 0)).split(whereSeparator: \.isWhitespace).joined(separator: " "))
            var anchor = base.isEmpty ? "section" : base
            var suffix = 1
            while !used.insert(anchor).inserted {
                anchor = "\(base.isEmpty ? "section" : base)-\(suffix)"
                suffix += 1
            }
            let html = Self.take(cmark_render_html(heading, options, extensions))
            let openTag = "<h\(level)>"
            guard html.hasPrefix(openTag), let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            cmark_node_set_literal(block, "<h\(level) id=\"\(anchor)\">" + html.dropFirst(openTag.count))
            cmark_node_replace(heading, block)
            cmark_node_free(heading)
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
    /// The document as HTML.
    public let html: String
    /// The document as plain text, for word counts and search.
    public let plainText: String
    /// The plain text of the first paragraph outside footnotes, for summaries.
    public let firstParagraph: String
}
