import Foundation
import MarkdownKit
import Testing

struct MarkdownRendererTests {
    private let renderer = MarkdownRenderer()

    /// Equal headings get numbered ids, unique even against a heading that reads like one of
    /// the numbers, and twenty thousand of them take no longer than a few (no quadratic search).
    @Test func equalHeadingsGetUniqueIdsInLinearTime() {
        let headings = renderer.render("# Same\n\n# Same\n\n# Same 1\n\n# Same\n").headings.map(\.id)
        #expect(headings == ["same", "same-1", "same-1-1", "same-2"])
        let many = renderer.render(String(repeating: "## Same\n\n", count: 20_000)).headings.map(\.id)
        #expect(Set(many).count == 20_000)
        #expect(many.last == "same-19999")
    }

    @Test func githubExtensionsRender() {
        let html = renderer.render(
            """
            | a | b |
            |---|---|
            | 1 | 2 |

            ~~old~~ www.example.org

            - [x] done

            Note[^1].

            [^1]: The note.
            """
        ).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" />"))
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>"))
    }

    /// What HTML5 made obsolete or asks for: table alignment as CSS, not `align`; a heading
    /// for the footnotes section.
    @Test func tablesAndFootnotesAreHTML5() {
        let html = renderer.render(
            """
            | Left | Middle | Right |
            | :--- | :----: | ----: |
            | a    | b      | c     |

            Note[^1].

            [^1]: The note.
            """
        ).html
        #expect(!html.contains("align="))
        #expect(html.contains("<th style=\"text-align: left\">Left</th>"))
        #expect(html.contains("<td style=\"text-align: right\">c</td>"))
        #expect(
            html.contains(
                "<section class=\"footnotes\" data-footnotes>\n<h2 class=\"visually-hidden\">Footnotes</h2>\n<ol>"))
    }

    @Test func rawHTMLPassesThroughAndTextIsEscaped() {
        let html = renderer.render("<div class=\"x\">raw</div>\n\nFish & <chips> \"quoted\"").html
        #expect(html.contains("<div class=\"x\">raw</div>"))
        // `<chips>` names no HTML element: it is prose, kept visible as text.
        #expect(html.contains("<p>Fish &amp; &lt;chips&gt; &quot;quoted&quot;</p>"))
    }

    @Test func linkAndImageDestinationsAreRewritten() {
        let html = renderer.render("[a](other.md#x) ![i](pic.png) [keep](https://example.org/)") { destination in
            destination.hasSuffix(".md#x") ? "/posts/other/#x" : destination == "pic.png" ? "/img/pic.png" : nil
        }.html
        #expect(
            html
                == "<p><a href=\"/posts/other/#x\">a</a> <img src=\"/img/pic.png\" alt=\"i\" /> <a href=\"https://example.org/\">keep</a></p>\n"
        )
    }

    /// Typographic punctuation when asked for (sites ask by default); as typed otherwise, and
    /// always as typed in code.
    @Test func smartPunctuationIsAnOption() {
        let text = "\"Quoted\" -- it's 1990--2000 --- done... `\"code\"`"
        #expect(
            MarkdownRenderer(smartPunctuation: true).render(text).html
                == "<p>“Quoted” – it’s 1990–2000 — done… <code>&quot;code&quot;</code></p>\n")
        #expect(
            MarkdownRenderer().render(text).html
                == "<p>&quot;Quoted&quot; -- it's 1990--2000 --- done... <code>&quot;code&quot;</code></p>\n")
    }

    @Test func headingsGetUniqueIDs() {
        let html = renderer.render("## What is *covered*?\n\n## What is covered\n\n### Ελληνικά & more").html
        #expect(
            html.contains(
                "<h2 id=\"what-is-covered\">What is <em>covered</em>? <a class=\"heading-anchor\" href=\"#what-is-covered\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>"
            ))
        #expect(
            html.contains(
                "<h2 id=\"what-is-covered-1\">What is covered <a class=\"heading-anchor\" href=\"#what-is-covered-1\""))
        #expect(html.contains("<h3 id=\"ελληνικά--more\">Ελληνικά &amp; more <a"))
        #expect(
            HeadingAnchor.removingLinks(from: html).contains(
                "<h2 id=\"what-is-covered\">What is <em>covered</em>?</h2>"))
        #expect(
            renderer.render("## A\n\n### B").headings.map { "\($0.level) \($0.id) \($0.text)" } == ["2 a A", "3 b B"])
    }

    /// Headings are HTML in the rendered tree, so their words are not the text's.
    @Test func plainTextWordsAndFirstParagraphAreReturned() {
        let markdown = "# Title\n\nFirst *para* here.\n\nSecond."
        let rendered = renderer.render(markdown)
        #expect(rendered.firstParagraph.trimmingCharacters(in: .newlines) == "First para here.")
        #expect(renderer.plainText(markdown).trimmingCharacters(in: .newlines) == "First para here.\n\nSecond.")
        #expect(rendered.wordCount == 4)
    }
}

@Suite struct MarkdownConcurrencyTests {
    /// cmark-gfm keeps the inline extensions' special characters in a global table; renders on
    /// many threads at once must still all see strikethrough and autolinks.
    @Test func extensionsWorkInEveryConcurrentRender() async {
        let markdown = "~~gone~~ and https://example.org/auto, | a |\n|---|\n| 1 |\n"
        await withTaskGroup(of: String.self) { group in
            for _ in 0..<2000 { group.addTask { MarkdownRenderer().render(markdown).html } }
            for await html in group {
                #expect(html.contains("<del>gone</del>") && html.contains(#"<a href="https://example.org/auto">"#))
            }
        }
    }
}

@Suite struct ProseTagTests {
    @Test func tagsThatNameNoElementStayVisibleAsText() {
        let html = MarkdownRenderer().render("Write “<tags>” and <em>mean</em> it, <my-card>too</my-card>.\n").html
        #expect(html.contains("“&lt;tags&gt;”"))
        #expect(html.contains("<em>mean</em>") && html.contains("<my-card>too</my-card>"))
    }
}
