import Foundation
import TestSupport
import Testing

@testable import SiteBuilder

/// The site's own values are written into templates only where the page shows exactly what
/// the engine would have put there.
@Suite struct TemplateInliningTests {
    private static let values = ["site.title": "Tom & Jerry's <Site>", "site.root": "/blog/"]

    private func inline(_ text: String, _ values: [String: String] = Self.values) -> String {
        TemplateInlining.inline(values, into: text, escape: TemplateEscaping().escapeText)
    }

    @Test func variablesBecomeTheirValuesEscapedAsTheEngineEscapes() {
        #expect(
            inline("<a href=\"{{site.root}}\">{{ site.title }}</a>{{{site.title}}}{{& site.title }}")
                == "<a href=\"/blog/\">Tom &amp; Jerry&#39;s &lt;Site&gt;</a>Tom & Jerry's <Site>Tom & Jerry's <Site>")
    }

    /// Sections, partials, comments, transforms and other names are tags still; a comment
    /// ends at its first `}}`, as the engine reads it.
    @Test(arguments: [
        "{{#site.title}}x{{/site.title}}", "{{^site.root}}none{{/site.root}}", "{{>site.title}}",
        "{{uppercased(site.title)}}", "{{site.titles}}", "{{page.title}}", "{{! {{site.title}}",
        "{{$site.title}}{{/site.title}}", "{{.}}",
    ])
    func otherTagsStay(_ text: String) {
        #expect(inline(text) == text)
    }

    @Test func textThatChangesDelimitersOrContentTypeIsLeftAlone() {
        for text in ["{{site.title}}{{=<% %>=}}<%site.title%>", "{{site.title}}{{% CONTENT_TYPE: TEXT}}"] {
            #expect(inline(text) == text)
        }
        #expect(inline("{{site.title}} {{unclosed") == "{{site.title}} {{unclosed")
    }

    /// A blank value, or one that holds a line break or a brace, would change how the text
    /// around it is read: its tag stays.
    @Test(arguments: ["", "  ", "two\nlines", "a\rb", "{{x}}", "a}", "{"])
    func valuesThatCannotStandInLeaveTheirTag(_ value: String) {
        #expect(inline("[{{site.title}}]", ["site.title": value]) == "[{{site.title}}]")
    }

    private static let sections: [String: Set<String>] = [
        "site.menu": ["title", "url", "."], "site.description": ["."],
    ]

    /// Runs of lines with tags between lines of text are rendered whole when they show the
    /// site alone; a run with anything else, or whose lines the text cannot be split into as
    /// the engine splits them, stays as it is.
    @Test func runsThatShowTheSiteAloneAreRenderedWhole() {
        let text = """
            <nav>
            {{#site.menu}}<a href="{{url}}">{{title}}</a>
            {{/site.menu}}
            </nav>
            <p>Bench{{#site.description}} — {{.}}{{/site.description}}</p>
            {{! a comment }}
            <h1>{{page.title}}</h1>
            {{#site.menu}}{{page.title}}{{/site.menu}}
            end
            """
        var rendered: [String] = []
        let expanded = TemplateInlining.expandSections(Self.sections, in: text) { run in
            rendered.append(run)
            return "[\(rendered.count)]\n"
        }
        // The second run holds the page's title: it is not rendered.
        #expect(rendered == ["{{#site.menu}}<a href=\"{{url}}\">{{title}}</a>\n{{/site.menu}}\n"])
        #expect(expanded == text.replacingOccurrences(of: rendered[0], with: "[1]\n"))
        for text in [
            "{{<base}}\n{{#site.menu}}{{url}}{{/site.menu}}\n{{/base}}", "{{#site.menu}}{{url}}{{/site.menu}}\r\nx",
        ] {
            #expect(TemplateInlining.expandSections(Self.sections, in: text) { _ in "x" } == text)
        }
        #expect(
            TemplateInlining.expandSections(Self.sections, in: "{{#site.menu}}x{{/site.menu}}") { _ in "{" }
                == "{{#site.menu}}x{{/site.menu}}")
        #expect(
            TemplateInlining.expandSections(Self.sections, in: "a\n{{#site.menu}}x{{/site.menu}}") { _ in "b" }
                == "a\nb")
    }

    /// A partial that looks up only the article's own fields is rendered once per article;
    /// one that looks up anything else, or pushes a view, is not.
    @Test func partialsThatShowTheArticleAloneAreFound() {
        let show = { (text: String) in
            TemplateInlining.showsTheArticleAlone(text, fields: ArticleView.names, scalars: ArticleView.scalarNames)
        }
        #expect(
            show("<li><a href=\"{{url}}\">{{title}}</a>{{#status}} {{.}}{{/status}}{{! note }} {{{excerpt}}}</li>\n"))
        #expect(show("{{.}} {{& title }}"))
        for text in [
            "{{page.title}}", "{{#tags}}{{name}}{{/tags}}", "{{>partials/x}}", "{{article.title}}", "{{=<% %>=}}",
        ] {
            #expect(!show(text), "\(text)")
        }
    }

    /// Only a partial tag with something before it on its line, inside the list's section, is
    /// replaced: a standalone one is indented by the engine.
    @Test func partialTagsAreReplacedWhereTheyCannotBeStandalone() {
        let variables = ["partials/item": "gazettePartial0"]
        let text = """
            {{>partials/item}}
            <ol>{{#list.articles}}{{>partials/item}}{{/list.articles}}</ol>
            {{#list.articles}}
              {{> partials/item }}
            <li>{{> partials/item }}</li>{{>partials/other}}
            {{/list.articles}}
            """
        #expect(
            TemplateInlining.renderingPartials(variables, inSectionsOver: "list.articles", in: text) == """
                {{>partials/item}}
                <ol>{{#list.articles}}{{{gazettePartial0}}}{{/list.articles}}</ol>
                {{#list.articles}}
                  {{> partials/item }}
                <li>{{{gazettePartial0}}}</li>{{>partials/other}}
                {{/list.articles}}
                """)
    }

    /// A theme that places the site's values on standalone lines, in indented partials, in
    /// overridden blocks and inside sections makes the same pages inlined or not; a theme that
    /// shows `params` (whose keys could answer `site`) is not inlined, which gives the pages
    /// made without inlining to compare with.
    @Test func inlinedPagesAreThePagesTheEngineMakes() async throws {
        let templates = [
            "templates/base.mustache": """
            <!DOCTYPE html>
            <html lang="{{site.language}}">
            <head><title>{{site.title}} | {{page.title}}</title></head>
            <body>
              {{site.title}}
            {{#page.feeds}}{{site.root}}{{url}}{{/page.feeds}}
            {{#site.feeds}}
              <a href="{{site.root}}{{url}}">{{site.title}} {{title}}</a>
            {{/site.feeds}}
              {{>partials/who}}
            <main>{{$content}}{{/content}}</main>
            {{{site.title}}}{{&site.root}}{{^site.description}}{{site.title}}{{/site.description}}
            {{#page.title}}<b>{{.}}</b>{{/page.title}}
            {{#site.menu}}
            <a href="{{url}}">{{title}}</a>
            {{/site.menu}}
            <nav>
              {{#site.menu}}<a href="{{url}}">{{title}} {{.}}</a>{{/site.menu}}
            {{^site.menu}}none{{/site.menu}}
            </nav>
            <p>{{site.title}}{{#site.description}} — {{.}}{{/site.description}}</p>
            <p>{{#site.feeds}}<a href="{{url}}">{{format}}</a>{{/site.feeds}}</p>
            {{#site.feeds}}{{! each feed }}
            {{mediaType}}
            {{/site.feeds}}
            </body>
            </html>

            """,
            "templates/partials/who.mustache": "{{site.title}}\n  by {{site.title}}\n",
            "templates/list.mustache": """
            {{<base}}{{$content}}
            <ol>{{#list.articles}}{{>partials/item}}{{/list.articles}}</ol>
            {{#list.articles}}
              {{>partials/item}}
            {{/list.articles}}
            <ul>{{#list.articles}}<li>{{>partials/paged}}</li>{{/list.articles}}</ul>
            {{/content}}{{/base}}
            """,
            "templates/partials/item.mustache":
                "<a href=\"{{url}}\">{{title}}</a>{{#status}} ({{.}}){{/status}} {{.}}\n",
            "templates/partials/paged.mustache": "{{page.title}}: {{title}}",
            "templates/article.mustache": """
            {{<base}}{{$content}}
                {{site.title}} {{article.title}}
            {{/content}}{{/base}}
            """,
        ]
        var pages: [[String: Data]] = []
        for marker in ["", "{{! params }}\n"] {
            var files = templates
            files["templates/base.mustache"] = marker + templates["templates/base.mustache"]!
            files["site.yml"] = "title: \"Tom & Jerry's <Site>\"\nbase_url: https://x.org/blog/\n"
            files["content/about.md"] = "---\ntitle: About\n---\nAbout us.\n"
            files["content/posts/2024-01-01-one.md"] = "---\ntitle: One & only\ntags: [a]\n---\nOne.\n"
            files["content/posts/2024-01-02-two.md"] = "---\ntitle: Two\ntags: [a]\ndraft: true\n---\nTwo.\n"
            let site = try TemporarySite(files)
            try await site.build(validate: false)
            pages.append(try TemporarySite.files(under: site.output).filter { $0.key.hasSuffix(".html") })
        }
        #expect(pages[0].count > 1)
        #expect(pages[0] == pages[1])
        let home = String(decoding: try #require(pages[0]["index.html"]), as: UTF8.self)
        #expect(home.contains("<ol><a href=\"/blog/posts/one/\">One &amp; only</a> ViewReference\n<a href="))
        #expect(home.contains("\n  <a href=\"/blog/posts/one/\">One &amp; only</a> ViewReference\n  <a href="))
        #expect(home.contains("<li>Tom &amp; Jerry&#39;s &lt;Site&gt;: One &amp; only</li>"))
        let about = String(decoding: try #require(pages[0]["about/index.html"]), as: UTF8.self)
        #expect(about.contains("<main>Tom &amp; Jerry&#39;s &lt;Site&gt; About\n</main>"))
        #expect(about.contains("\n    by Tom &amp; Jerry&#39;s &lt;Site&gt;\n<main>"))
    }
}
