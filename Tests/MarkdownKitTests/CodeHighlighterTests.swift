import MarkdownKit
import Testing

struct CodeHighlighterTests {
    @Test func swiftTokensGetClasses() {
        let html = CodeHighlighter.highlight("let x: Int = 42 // answer\nprint(\"a < b\")", language: "swift")
        #expect(
            html
                == "<span class=\"hl-keyword\">let</span> x: <span class=\"hl-type\">Int</span> = <span class=\"hl-number\">42</span> <span class=\"hl-comment\">// answer</span>\nprint(<span class=\"hl-string\">&quot;a &lt; b&quot;</span>)"
        )
    }

    @Test(arguments: [
        "swift", "python", "javascript", "TypeScript", "go", "rust", "c", "cpp", "bash", "json", "yaml", "html", "css",
    ])
    func everyRequiredLanguageIsKnown(language: String) {
        #expect(CodeHighlighter.knows(language))
    }

    @Test func markupAndDataLanguages() {
        #expect(
            CodeHighlighter.highlight("<a href=\"x\">t</a>", language: "html")
                == "<span class=\"hl-tag\">&lt;a</span> <span class=\"hl-attr\">href</span>=<span class=\"hl-string\">&quot;x&quot;</span><span class=\"hl-tag\">&gt;</span>t<span class=\"hl-tag\">&lt;/a</span><span class=\"hl-tag\">&gt;</span>"
        )
        #expect(
            CodeHighlighter.highlight("{\"a\": true}", language: "json")
                == "{<span class=\"hl-key\">&quot;a&quot;</span>: <span class=\"hl-literal\">true</span>}")
        #expect(
            CodeHighlighter.highlight("name: x # note", language: "yaml")
                == "<span class=\"hl-key\">name</span>: x <span class=\"hl-comment\"># note</span>")
        #expect(
            CodeHighlighter.highlight("echo $HOME", language: "sh")
                == "<span class=\"hl-keyword\">echo</span> <span class=\"hl-variable\">$HOME</span>")
    }

    @Test func unknownLanguagesArePlainAndEscaped() {
        #expect(CodeHighlighter.highlight("a < b && c", language: "cobol-2027") == "a &lt; b &amp;&amp; c")
    }

    @Test func hostileInputNeverCrashes() {
        let samples = [
            "\"unterminated", "/* open", "'\\", "\\", "<", "<a", "$", "`multi\nline", "#", "0x", "\u{0}",
            String(repeating: "\"\\", count: 1000),
        ]
        for language in ["swift", "sh", "html", "json", "yaml", "css", "c", "python", "javascript"] {
            for sample in samples {
                #expect(!CodeHighlighter.highlight(sample, language: language).contains("<script"))
            }
        }
    }

    @Test func fencedBlocksAreHighlightedInDocuments() {
        let html = MarkdownRenderer().render("```swift\nlet a = 1\n```\n\n```unknown\nx < y\n```").html
        #expect(
            html.contains(
                "<pre><code class=\"language-swift\"><span class=\"hl-keyword\">let</span> a = <span class=\"hl-number\">1</span>\n</code></pre>"
            ))
        #expect(html.contains("<pre><code class=\"language-unknown\">x &lt; y\n</code></pre>"))
    }
}
