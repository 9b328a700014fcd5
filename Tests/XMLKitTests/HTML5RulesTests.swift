import GazetteCore
import Testing
import XMLKit

/// The HTML5 rules libxml2's HTML 4 parser does not know, each against the line, rule and
/// severity the Nu Html Checker gives, and a page that breaks none of them.
@Suite
struct HTML5RulesTests {
    private func problems(_ body: String) -> [String] {
        let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title></head><body>\n\(body)\n</body></html>"
        return HTMLInspector.inspect(page, name: "t.html").diagnostics.map {
            "\($0.line) \($0.severity.rawValue) \($0.rule ?? "")"
        }
    }

    @Test func obsoleteElementsAndAttributes() {
        #expect(problems("<center>old</center>") == ["3 error html-obsolete"])
        #expect(
            problems("<table align=\"center\"><tr><td valign=\"top\" width=\"9\">x</td></tr></table>")
                == ["3 error html-obsolete", "3 error html-obsolete", "3 error html-obsolete"])
        #expect(
            problems("<a name=\"top\">top</a>\n<ul type=\"disc\"><li>i</li></ul>") == [
                "3 error html-obsolete", "4 error html-obsolete",
            ])
    }

    @Test func blockInsideParagraphIsReportedWhereTheBlockStarts() {
        // libxml2 then finds the `</p>` with no paragraph open.
        #expect(problems("<p>Text\n<div>block</div></p>") == ["4 error html", "4 error html-block-in-p"])
    }

    @Test func interactiveContentInsideInteractiveContent() {
        #expect(problems("<a href=\"/a\">a <a href=\"/b\">b</a></a>") == ["3 error html", "3 error html-nesting"])
        #expect(problems("<a href=\"/a\"><button>b</button></a>") == ["3 error html-nesting"])
        // Neither a button alone nor a hidden input inside a label nests interactive content.
        #expect(problems("<button>b</button>\n<label>l <input type=\"hidden\" name=\"x\"></label>") == [])
    }

    @Test func ariaMisuse() {
        #expect(problems("<div aria-lable=\"x\" role=\"buton\">d</div>") == ["3 error html-aria", "3 error html-aria"])
        #expect(problems("<span aria-label=\"x\">s</span>") == ["3 warning html-aria"])
        #expect(
            problems("<span role=\"img\" aria-label=\"x\">s</span>\n<nav aria-label=\"x\"><ul><li>i</li></ul></nav>")
                == [])
        #expect(problems("<div role=\"doc-footnote\" aria-describedby=\"n\" id=\"n\">f</div>") == [])
    }

    /// What Markdown and the theme write breaks none of the rules.
    @Test func validPageHasNoProblems() {
        #expect(
            problems(
                """
                <p>Text <strong>bold</strong> <a href="/x">link</a></p>
                <table><thead><tr><th style="text-align: left">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
                <section class="footnotes" data-footnotes><h2>Footnotes</h2><ol><li id="fn-1"><p>n <a href="#r" aria-label="Back to content">↩</a></p></li></ol></section>
                <details><summary>More</summary><p>Hidden</p></details>
                """
            ) == [])
    }
}
