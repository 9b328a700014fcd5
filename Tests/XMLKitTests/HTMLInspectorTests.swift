import Testing
import XMLKit

@Suite
struct HTMLInspectorTests {
    private func page(_ body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>t</title>\n</head>\n<body>\n\(body)\n</body>\n</html>\n"
    }

    @Test func html5ElementsAreNotErrors() {
        let report = HTMLInspector.inspect(
            page("<main><article><nav>n</nav><time datetime=\"2024\">x</time></article></main>"))
        #expect(report.diagnostics == [])
    }

    @Test func mismatchedEndTagIsAnErrorOnItsLine() throws {
        let report = HTMLInspector.inspect(page("<div>\n<span>x</div>"))
        let first = try #require(report.diagnostics.first)
        #expect(first.line == 9)
        #expect(first.message.hasPrefix("<span> is never closed"))
    }

    @Test func unclosedElementIsAnError() {
        let report = HTMLInspector.inspect(page("<div><em>never closed</div>"))
        #expect(!report.diagnostics.isEmpty)
    }

    @Test func strayEndTagIsAnError() {
        let report = HTMLInspector.inspect(page("<p>x</p></span>"))
        #expect(!report.diagnostics.isEmpty)
    }

    @Test func badEntityIsAnError() {
        let report = HTMLInspector.inspect(page("<p>Fish &chips; and &#xZZ;</p>"))
        #expect(!report.diagnostics.isEmpty)
    }

    @Test func duplicateIDsAreErrors() throws {
        let report = HTMLInspector.inspect(page("<h2 id=\"a\">x</h2>\n<h2 id=\"a\">y</h2>"))
        let first = try #require(report.diagnostics.first)
        #expect(first.message == "duplicate id 'a' (first used on line 8)")
        #expect(first.line == 9)
    }

    @Test func referencesAndIDsAreListed() {
        let report = HTMLInspector.inspect(
            page("<a href=\"/x/#y\" id=\"top\">x</a><img src=\"a.png\" srcset=\"b.png 2x, c.png 3x\" alt=\"\">"))
        #expect(report.ids == ["top"])
        #expect(Set(report.references.map(\.url)) == ["/x/#y", "a.png", "b.png", "c.png"])
    }

    @Test func referencesComeInPageOrderWithTheirLinesAndSourceSetsLast() {
        let report = HTMLInspector.inspect(
            page(
                "<img srcset=\"s.png 2x\" src=\"i.png\" alt=\"\">\n<a href=\"/a/?q=1&amp;r=2\">a</a>\n"
                    + "<form action=\"/search/\"><input name=\"q\" disabled></form>\n<div data-href=\"/not/\" href=\"/no/\">d</div>"
                    + "\n<video poster=\"p.jpg\" src=\"v.mp4\"></video><a>no link</a>"))
        #expect(report.references.map(\.url) == ["i.png", "/a/?q=1&r=2", "/search/", "p.jpg", "v.mp4", "s.png"])
        #expect(report.references.map(\.line) == [8, 9, 10, 12, 12, 8])
        #expect(report.references.map(\.attribute) == ["src", "href", "action", "poster", "src", "srcset"])
    }

    @Test func anElementLeftOpenIsReportedOnTheLineItOpened() throws {
        let report = HTMLInspector.inspect(page("<section>\n<div>\n<em>x</section>"))
        #expect(report.diagnostics.contains { $0.line == 9 && $0.message.hasPrefix("<div> is never closed") })
        #expect(report.diagnostics.contains { $0.line == 10 && $0.message.hasPrefix("<em> is never closed") })
    }

    @Test func nestingPastTheLimitIsOneErrorAndReadingStops() throws {
        let deep = String(repeating: "<div>", count: 300) + String(repeating: "</div>", count: 300)
        let report = HTMLInspector.inspect(page(deep + "\n<a href=\"/after/\">x</a>"))
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.message.contains("nested more than 256 deep") == true)
        #expect(report.references.isEmpty)
    }
}
