import Testing
import XMLKit

@Suite
struct HTMLFragmentTests {
    @Test func everyURLAttributeIsRewrittenAndTextIsKept() {
        let html =
            "<p>Café “quotes” &amp; <a href=\"../x/\">link</a></p>\n<img src=\"a.png\" srcset=\"a.png 1x, b.png 2x\" alt=\"A\">"
        let rewritten = HTMLFragment.rewritingURLs(in: html) { "https://example.org/" + $0 }
        #expect(rewritten.contains("Café “quotes” &amp; <a href=\"https://example.org/../x/\">link</a>"))
        #expect(rewritten.contains("src=\"https://example.org/a.png\""))
        #expect(rewritten.contains("srcset=\"https://example.org/a.png 1x, https://example.org/b.png 2x\""))
    }

    @Test func preformattedTextKeepsItsWhitespace() {
        let html = "<pre><code>let x = 1\n    let y = 2 &lt; 3\n</code></pre>"
        #expect(HTMLFragment.rewritingURLs(in: html) { $0 } == html)
    }
}
