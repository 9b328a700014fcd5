import GazetteCore
import SiteModel
import Testing

@testable import SiteContent

@Suite struct ArticleFieldsTests {
    private func fields(_ yaml: String) throws(BuildFailure) -> ArticleFields {
        let block = FrontMatterBlock(syntax: .yaml, text: yaml, firstLine: 2)
        guard let values = try block.parse(file: "content/a.md") else { return ArticleFields() }
        return try ArticleFields(reading: values, dates: DateReader(timezone: nil)!)
    }

    @Test func aliasesFillTheSameFields() throws {
        let hugo = try fields("lastmod: 2024-03-02\ndescription: Short.\nexpiryDate: 2030-01-01")
        let plain = try fields("updated: 2024-03-02\nsummary: Short.\nexpires: 2030-01-01")
        #expect(hugo.updated == plain.updated && hugo.updated == Timestamp(year: 2024, month: 3, day: 2))
        #expect(hugo.summary == "Short." && plain.summary == "Short.")
        #expect(hugo.expires == plain.expires && hugo.expires != nil)
        #expect(hugo.updatedKey == "lastmod" && hugo.updatedLine == 2)
    }

    @Test func otherGeneratorsKeysAreIgnoredAndUnknownOnesHandedToTemplates() throws {
        let read = try fields("title: A\nweight: 3\nlayout: post\ncover: a.png\ntitel: B\nextra:\n  mood: calm")
        #expect(read.params.map(\.key) == ["mood", "cover", "titel"])
        #expect(read.likelyTypos.map(\.key) == ["titel"] && read.likelyTypos.first?.line == 6)
        #expect(read.likelyTypos.first?.meant == "title")
    }

    @Test func errorsPointAtTheValuesLine() {
        #expect(throws: BuildFailure.self) { try fields("title: A\ndate: someday") }
        do {
            _ = try fields("title: A\n\ndate: someday")
        } catch {
            #expect(error.diagnostics.first?.line == 4)
            #expect(error.diagnostics.first?.file == "content/a.md")
        }
    }

    @Test func tagsAreTrimmedAndDeduplicatedBySlug() throws {
        #expect(try fields("tags: [Swift, ' swift ', Café, cafe]").tags == ["Swift", "Café"])
        #expect(try fields("tags: one, two").tags == ["one", "two"])
    }

    /// Null is told by its spelling or an explicit tag; other plain values are text however
    /// they look; a key written plain and quoted is one key written twice.
    @Test func yamlValuesAreTextUnlessNull() throws {
        for null in ["summary:", "summary: ~", "summary: null", "summary: NULL", "summary: !!null x"] {
            #expect(try fields("title: A\n\(null)").summary == nil, "\(null)")
        }
        #expect(try fields("title: A\nsummary: 'null'").summary == "null")
        let read = try fields("title: 1.50\nslug: 0x1F\nsummary: yes")
        #expect(read.title == "1.50" && read.slug == "0x1f" && read.summary == "yes")
        #expect(throws: BuildFailure.self) { try fields("title: A\n1: a\n'1': b") }
    }

    @Test func anEmptyBlockGivesNoFields() throws {
        let block = FrontMatterBlock(syntax: .yaml, text: "", firstLine: 2)
        #expect(try block.parse(file: "content/a.md") == nil)
    }
}
