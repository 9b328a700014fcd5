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
}
