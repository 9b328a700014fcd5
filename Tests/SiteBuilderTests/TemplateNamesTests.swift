import Testing

@testable import SiteBuilder

/// The names a template can look up are the words of its tags and of the tags of the
/// templates it includes or inherits; where the text cannot tell, there is no answer.
@Suite struct TemplateNamesTests {
    private static let sources = [
        "archive":
            "{{<base}}{{$content}}{{#archive.years}}{{year}}{{#articles}}<a href=\"{{ url }}\">{{{title}}}</a>"
            + "{{/articles}}{{/archive.years}}{{/content}}{{/base}}",
        "base": "<title>{{ page.title }}</title>{{> partials/meta}}{{$content}}{{/content}}",
        "partials/meta": "{{! the description }}<meta content=\"{{&page.description}}\">",
        "article": "{{<base}}{{$content}}{{{article.html}}}{{/content}}{{/base}}",
    ]

    @Test func namesComeFromTheTemplateAndEveryTemplateItReaches() {
        #expect(
            TemplateNames.used(by: "archive", in: Self.sources) == [
                "base", "content", "archive", "years", "year", "articles", "url", "title", "page", "the",
                "description",
            ])
        #expect(TemplateNames.used(by: "article", in: Self.sources)?.contains("html") == true)
        #expect(TemplateNames.used(by: "missing", in: Self.sources) == [])
    }

    /// Several templates at once look up what each of them does.
    @Test func namesOfSeveralTemplatesAreTheirsTogether() {
        let each = Self.sources.keys.compactMap { TemplateNames.used(by: $0, in: Self.sources) }
        #expect(each.count == Self.sources.count)
        #expect(TemplateNames.used(byAnyOf: Self.sources.keys, in: Self.sources) == each.reduce([]) { $0.union($1) })
        #expect(TemplateNames.used(byAnyOf: ["article", "partials/meta"], in: Self.sources)?.contains("url") == false)
    }

    @Test(arguments: [
        "{{=<% %>=}}<%title%>", "{{>*layout}}", "{{> *layout}}", "{{<*layout}}{{/layout}}",
    ])
    func whatTheTextCannotTellHasNoAnswer(_ text: String) {
        var sources = Self.sources
        sources["partials/meta"] = text
        #expect(TemplateNames.used(by: "archive", in: sources) == nil)
    }

    /// A view shown whole shows no field, so `{{.}}` and `{{archive}}` reveal nothing the
    /// names do not: the name of its type.
    @Test func aViewShownWholeIsItsTypesName() {
        let author = AuthorView(name: "Ada")
        #expect(String(describing: author) == "AuthorView")
        #expect(String(describing: ViewReference(author)) == "ViewReference")
        #expect(String(describing: [author]) == "[AuthorView]")
    }
}
