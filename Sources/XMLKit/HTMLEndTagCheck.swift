import CLibXML2
import GazetteCore

/// Elements whose end tag HTML lets authors leave out, and void elements, which have none.
private let endTagOptional: Set<String> = [
    "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "colgroup", "caption", "rt", "rp",
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
]

/// A SAX `endElement` handler for libxml2's HTML parser: before handing over to the usual
/// tree builder, it checks that the text just read is this element's own end tag. When it is
/// not, libxml2 is closing the element implicitly, and for elements whose end tag is required
/// that is a markup error.
let checkEndTag: endElementSAXFunc = { context, name in
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    if let name, let node = parser.pointee.node, let collectorPointer = parser.pointee._private,
        let problem = missingEndTag(name, parser: parser, openedOn: Int(xmlGetLineNo(node)))
    {
        Unmanaged<ErrorCollector>.fromOpaque(collectorPointer).takeUnretainedValue().diagnostics.append(problem)
    }
    xmlSAX2EndElement(context, name)
}

/// The error for element `name`, which opened on line `line` and which the HTML parser is
/// closing now, when its end tag is required and the text just read is not that end tag: an
/// element of the same name opening inside it, or an end tag left out.
func missingEndTag(_ name: UnsafePointer<xmlChar>, parser: xmlParserCtxtPtr, openedOn line: Int) -> XMLDiagnostic? {
    // Nearly every end tag is written out: that is found in the bytes, before anything is
    // made of the name (this runs for every element of every page).
    guard let input = parser.pointee.input, !justReadEndTag(of: name, input: input.pointee) else { return nil }
    let elementName = String(cString: name).lowercased()
    guard !endTagOptional.contains(elementName) else { return nil }
    if startTagAhead(input: input.pointee) == elementName {
        // `<a>…<a>`: the parser closes the first because a second starts inside it.
        return XMLDiagnostic(
            severity: .error,
            message:
                "<\(elementName)> cannot be inside the <\(elementName)> opened on line \(line); the browser ends the first here",
            line: Int(input.pointee.line), rule: "html-nesting")
    }
    return XMLDiagnostic(
        severity: .error,
        message: "<\(elementName)> is never closed; add </\(elementName)> before the element that contains it ends",
        line: line, rule: "html-end-tag")
}

extension XMLDiagnostic {
    /// The rule id of a problem the HTML parser or a check of our own reported.
    var htmlRule: String { rule ?? "html" }
}

/// The error for a `p` that the HTML parser is closing because a block element starts inside it
/// (`<p>Text <div>…</div></p>`): browsers end the paragraph there, and the `</p>` after the
/// block then opens an empty one.
func paragraphEndedByBlock(_ name: UnsafePointer<xmlChar>, parser: xmlParserCtxtPtr, openedOn line: Int)
    -> XMLDiagnostic?
{
    // libxml2's HTML parser gives names in lower case.
    guard name[0] == UInt8(ascii: "p"), name[1] == 0, let input = parser.pointee.input,
        let block = startTagAhead(input: input.pointee), HTML5Rules.closesParagraph.contains(block)
    else { return nil }
    return XMLDiagnostic(
        severity: .error,
        message:
            "<\(block)> cannot be inside the <p> opened on line \(line): a paragraph holds only phrasing content, so the browser ends it before <\(block)>",
        line: Int(input.pointee.line), rule: "html-block-in-p")
}

/// The element name of the start tag at the parser's position (`<div`), where it stands when
/// that tag makes it close elements, lower-cased; `nil` when no start tag is there.
private func startTagAhead(input: xmlParserInput) -> String? {
    guard let current = input.cur, let end = input.end, end - current > 1, current.pointee == UInt8(ascii: "<")
    else { return nil }
    let bytes = UnsafeBufferPointer(start: current + 1, count: min(end - current - 1, 16))
    let lower = { (byte: UInt8) in (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte }
    let name = bytes.prefix { byte in
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower(byte))
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
    return name.isEmpty ? nil : String(decoding: name.map(lower), as: UTF8.self)
}

/// Whether the bytes just before the parser's position are `</name>` (ASCII case and white
/// space aside; `name` as the parser read it).
private func justReadEndTag(of name: UnsafePointer<xmlChar>, input: xmlParserInput) -> Bool {
    guard let current = input.cur, let base = input.base else { return false }
    let nameBytes = UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name)))
    let available = current - base
    let window = min(available, nameBytes.count + 16)
    guard window > 3 else { return false }
    let bytes = UnsafeBufferPointer(start: current - window, count: window)
    guard bytes.last == UInt8(ascii: ">"), let open = bytes.lastIndex(of: UInt8(ascii: "<")),
        open + 1 < bytes.count, bytes[open + 1] == UInt8(ascii: "/")
    else { return false }
    // Compared byte by byte, ASCII white space left out and ASCII letters in lower case, as
    // element names are.
    let lower = { (byte: UInt8) in (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte }
    let tag = bytes[(open + 2)..<(bytes.count - 1)].lazy
        .filter { !$0.isASCIIWhitespace }.map(lower)
    return tag.elementsEqual(nameBytes.lazy.map(lower))
}
