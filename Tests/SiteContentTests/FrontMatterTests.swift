import GazetteCore
import SiteModel
import Syndication
import Testing

@testable import SiteContent

struct FrontMatterTests {
    private func read(
        _ text: String, name: String = "posts/2024-03-01-hello-world.md", commitDates: [String: Timestamp] = [:]
    ) throws(BuildFailure) -> (Article, [Diagnostic]) {
        let file = SourceFile(
            path: "content/\(name)", contentPath: name, text: text,
            modified: Timestamp(secondsSinceEpoch: 1_700_000_000))
        return try ArticleReader(commitDates: commitDates, config: SiteConfig(title: "Test")).read(file)
    }

    private func error(_ text: String) -> Diagnostic? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func splitsFrontMatterAndCountsBodyLines() throws {
        let split = try FrontMatter.split("---\ntitle: A\n---\nBody\n", file: "a.md")
        #expect(split.block?.text == "title: A" && split.block?.syntax == .yaml && split.block?.firstLine == 2)
        #expect(split.body == "Body\n")
        #expect(split.bodyLine == 4)
    }

    @Test func splitsOnlyAtFenceLines() throws {
        let blankFirst = try FrontMatter.split("\n  \n--- \ntitle: A\nb: 1\n...\n\nBody\nmore", file: "a.md")
        #expect(blankFirst.block?.text == "title: A\nb: 1" && blankFirst.block?.firstLine == 4)
        #expect(blankFirst.body == "\nBody\nmore" && blankFirst.bodyLine == 7)
        let empty = try FrontMatter.split("+++\n+++\nBody", file: "a.md")
        #expect(empty.block?.text == "" && empty.block?.syntax == .toml && empty.body == "Body" && empty.bodyLine == 3)
        let closedAtEnd = try FrontMatter.split("---\na: 1\n---", file: "a.md")
        #expect(closedAtEnd.block?.text == "a: 1" && closedAtEnd.body == "" && closedAtEnd.bodyLine == 4)
        let noFence = try FrontMatter.split("Text\n---\nmore", file: "a.md")
        #expect(noFence.block == nil && noFence.body == "Text\n---\nmore" && noFence.bodyLine == 1)
        #expect(FrontMatter.opensWithFence("\n+++\n") && !FrontMatter.opensWithFence(" ---\n"))
        #expect(throws: BuildFailure.self) { try FrontMatter.split("\n\n---\ntitle: A\n", file: "a.md") }
        #expect(error("\n\n---\ntitle: A\n")?.line == 3)
    }

    @Test func readsEveryKnownKey() throws {
        let (article, warnings) = try read(
            """
            ---
            title: "Fish & <Chips>"
            date: 2024-03-01T09:30:00+05:30
            lastmod: 2024-03-02 10:00
            tags: [Swift, swift, café]
            draft: true
            summary: Short.
            slug: Custom Slug
            author: { name: Ann, email: ann@example.org }
            id: urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427
            ---
            Body
            """)
        #expect(warnings.isEmpty)
        #expect(article.title == "Fish & <Chips>")
        #expect(article.date.rfc3339 == "2024-03-01T09:30:00+05:30")
        #expect(article.updated?.rfc3339 == "2024-03-02T10:00:00Z")
        #expect(article.tags == ["Swift", "café"])
        #expect(article.draft)
        #expect(article.summary == "Short.")
        #expect(article.slug == "custom-slug")
        #expect(article.path == "/posts/custom-slug/")
        #expect(article.authors.first?.email == "ann@example.org")
        #expect(article.customID == "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        #expect(article.bodyLine == 12)
    }

    @Test func dateComesFromTheFileNameThenGitThenTheModificationTime() throws {
        #expect(try read("Body").0.date.rfc3339 == "2024-03-01T00:00:00Z")
        let commit = Timestamp(year: 2023, month: 5, day: 6, hour: 7, utcOffsetSeconds: 3600)
        #expect(try read("Body", name: "posts/hello.md", commitDates: ["posts/hello.md": commit]).0.date == commit)
        let (article, warnings) = try read("Body", name: "posts/hello.md")
        #expect(article.date.secondsSinceEpoch == 1_700_000_000)
        #expect(warnings.map(\.message).first?.contains("modification time") == true)
    }

    @Test func markdownTitleFallsBackToTheFirstHeadingThenTheFileName() throws {
        let (headed, _) = try read("\n# The Heading\n\nText")
        #expect(headed.title == "The Heading")
        #expect(headed.body == "\nText")
        #expect(try read("Text").0.title == "Hello world")
    }

    @Test func malformedYAMLNamesTheFileLine() throws {
        let diagnostic = try #require(error("---\ntitle: A\ntags: [a, b\n---\nBody"))
        #expect(diagnostic.file == "content/posts/2024-03-01-hello-world.md")
        #expect(diagnostic.line == 4)
        #expect(diagnostic.message.hasPrefix("invalid YAML"))
    }

    @Test func frontMatterThatIsNotAMappingIsAnError() throws {
        let diagnostic = try #require(error("---\n- a\n- b\n---\nBody"))
        #expect(diagnostic.line == 2)
        #expect(diagnostic.message.contains("must be a mapping"))
    }

    @Test func unknownDateFormatIsAnErrorAtItsLine() throws {
        let diagnostic = try #require(error("---\ntitle: A\ndate: March 1st\n---\n"))
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.contains("'date' is not a date"))
    }

    @Test func unclosedFrontMatterIsAnError() throws {
        let diagnostic = try #require(error("---\ntitle: A\nBody"))
        #expect(diagnostic.line == 1)
        #expect(diagnostic.message.contains("never closed"))
    }

    @Test func slugThatClimbsOutIsRejected() throws {
        let diagnostic = try #require(error("---\nslug: ../../etc\n---\n"))
        #expect(diagnostic.line == 2)
        #expect(diagnostic.message.contains("single URL segment"))
    }

    @Test func tenThousandTagsAreRefused() throws {
        let tags = (0..<10_000).map { "t\($0)" }.joined(separator: ", ")
        let diagnostic = try #require(error("---\ntags: [\(tags)]\n---\n"))
        #expect(diagnostic.message.contains("10000 tags"))
    }

    @Test func relativeCustomIDIsRejected() throws {
        let diagnostic = try #require(error("---\nid: my-post\n---\n"))
        #expect(diagnostic.message.contains("absolute URI"))
    }

    @Test func unknownKeysAreWarnedAbout() throws {
        let (_, warnings) = try read("---\ntitel: typo\n---\n")
        #expect(
            warnings.map(\.description) == [
                "content/posts/2024-03-01-hello-world.md:2: warning: unknown front matter key 'titel' is handed to templates as it is; did you mean 'title'?"
            ])
    }
}
