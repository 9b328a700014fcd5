import CCmarkGFM
import GazetteCore

#if canImport(Glibc)
    import Glibc
#endif

/// Counts the words of a document's plain text as cmark-gfm's plain-text renderer
/// (`cmark_render_plaintext`, no wrapping) writes it, without writing it: that renderer
/// handles the text a scalar at a time and costs nearly half as much as parsing and writing
/// the HTML.
///
/// The walk follows the renderer's node by node: where it writes text, the text is counted;
/// where it starts a line, a word ends. What it writes of its own counts as it would: a list
/// item's marker (`-`, `1.`), a task's box (`- [ ]`), a footnote's label (`[^1]`), a table's
/// rules (`| --- |`), strikethrough's `~`. Only the digits of numbers it writes can differ,
/// which never changes a count.
enum PlainTextWords {
    /// The words of `document`'s plain text, counted by `WordCounter`'s rules.
    static func count(in document: OpaquePointer) -> Int {
        guard let iterator = cmark_iter_new(document) else { return 0 }
        defer { cmark_iter_free(iterator) }
        var words = WordCounter()
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            if cmark_node_get_syntax_extension(node) != nil, let type = cmark_node_get_type_string(node),
                countExtensionNode(node, String(cString: type), entering: entering, into: &words)
            {
                continue
            }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LIST:
                if !entering, let next = cmark_node_next(node),
                    [CMARK_NODE_CODE_BLOCK, CMARK_NODE_LIST].contains(cmark_node_get_type(next))
                {
                    words.breakWord()
                }
            case CMARK_NODE_ITEM:
                if entering {
                    // `  - `, or `1.  ` / `1) `: one word either way.
                    words.add(cmark_node_get_list_type(cmark_node_parent(node)) == CMARK_BULLET_LIST ? "  - " : "1. ")
                } else {
                    words.breakWord()
                }
            case CMARK_NODE_HEADING, CMARK_NODE_PARAGRAPH:
                if !entering { words.breakWord() }
            case CMARK_NODE_CODE_BLOCK:
                words.breakWord()
                addLiteral(of: node, to: &words)
                words.breakWord()
            case CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_SOFTBREAK:
                words.breakWord()
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                addLiteral(of: node, to: &words)
            case CMARK_NODE_FOOTNOTE_REFERENCE:
                if entering {
                    words.add("[^")
                    addLiteral(of: node, to: &words)
                    words.add("]")
                }
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                if entering { words.add("[^1]: ") }
            default:
                // Documents, block quotes, raw HTML, emphasis, links and images write nothing
                // of their own.
                break
            }
        }
        return words.count
    }

    /// Counts what the renderer of a GitHub extension writes for `node`, of the type named
    /// `type`; `false` for a node no extension renders, which the renderer writes as any other.
    private static func countExtensionNode(
        _ node: OpaquePointer, _ type: String, entering: Bool, into words: inout WordCounter
    ) -> Bool {
        switch type {
        case "strikethrough":
            words.add("~")
        case "tasklist":
            if entering {
                words.breakWord()
                words.add(cmark_gfm_extensions_get_tasklist_item_checked(node) ? "- [x] " : "- [ ] ")
            } else {
                words.breakWord()
            }
        case "table":
            words.breakWord()
        case "table_header", "table_row":
            if entering {
                words.breakWord()
                words.add("|")
            }
        case "table_cell":
            guard !entering else {
                words.add(" ")
                return true
            }
            words.add(" |")
            if let row = cmark_node_parent(node), cmark_gfm_extensions_get_table_row_is_header(row) != 0,
                cmark_node_next(node) == nil
            {
                let columns = cmark_node_parent(row).map { Int(cmark_gfm_extensions_get_table_columns($0)) } ?? 0
                words.breakWord()
                words.add("|" + String(repeating: " --- |", count: columns))
                words.breakWord()
            }
        default:
            return false
        }
        return true
    }

    private static func addLiteral(of node: OpaquePointer, to words: inout WordCounter) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let length = strlen(literal)
        literal.withMemoryRebound(to: UInt8.self, capacity: length) {
            words.add(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}
