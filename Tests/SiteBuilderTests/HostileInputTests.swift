import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

/// Bad input gets a clear error naming the file and line, never a crash or a hang.
@Suite
struct HostileInputTests {
    private func firstError(_ files: [String: String]) async throws -> Diagnostic {
        let site = try TemporarySite(files)
        return try #require(await site.buildErrors().first)
    }

    @Test func malformedYAMLIsAnErrorWithFileAndLine() async throws {
        let error = try await firstError(["content/a.md": "---\ntitle: [unclosed\n---\nBody"])
        #expect(error.file == "content/a.md")
        #expect(error.line == 3)
    }

    @Test func invalidUTF8IsAnErrorAtItsLine() async throws {
        let site = try TemporarySite()
        try site.write(
            "content/a.md", Data("line one\nline two \u{E9}\n".utf8.map { $0 }.prefix(18) + [0xC3, 0x28, 0x0A]))
        let error = try #require(await site.buildErrors().first)
        #expect(error.description == "content/a.md:2: error: the file is not valid UTF-8 text; save it as UTF-8")
    }

    @Test func nulBytesAreAnErrorAtTheirLine() async throws {
        let error = try await firstError(["content/a.txt": "fine\nalso fine\nbad\u{0}byte\n"])
        #expect(error.description == "content/a.txt:3: error: the file contains a NUL byte; is it a binary file?")
    }

    @Test func twentyMegabyteArticleIsRefused() async throws {
        let site = try TemporarySite()
        try site.write("content/huge.md", String(repeating: "word ", count: 4_200_000))
        let error = try #require(await site.buildErrors().first)
        #expect(error.file == "content/huge.md")
        #expect(error.message.contains("at most 8 MiB"))
    }

    @Test func tenThousandTagsAreRefused() async throws {
        let tags = (0..<10_000).map { "- tag\($0)" }.joined(separator: "\n")
        let error = try await firstError(["content/a.md": "---\ntitle: A\ntags:\n\(tags)\n---\nBody"])
        #expect(error.line == 3)
        #expect(error.message.contains("at most 100"))
    }

    @Test func forbiddenXMLCharactersAreDroppedWithAWarning() async throws {
        let site = try TemporarySite([
            "content/2024-01-01-a.md": "---\ntitle: \"Bell\u{07} here\"\n---\nText \u{0B} with a vertical tab.\n"
        ])
        let summary = try await site.build()
        #expect(
            summary.warnings.filter { $0.file != "site.yml" }.map(\.description) == [
                "content/2024-01-01-a.md:2: warning: 2 control characters that HTML and XML forbid were dropped"
            ])
        let feed = try site.read("feed.xml")
        #expect(feed.contains("<title type=\"text\">Bell here</title>"))
        #expect(!feed.contains("\u{0B}"))
    }

    @Test func emptyContentBuildsAnEmptyValidSite() async throws {
        let site = try TemporarySite(["content/.keep": ""])
        let summary = try await site.build()
        #expect(summary.articles == 0)
        #expect(try site.read("feed.xml").contains("<updated>1970-01-01T00:00:00Z</updated>"))
        #expect(try site.read("index.html").contains("Nothing has been published yet."))
    }

    @Test func twoArticlesWithOneURLAreAnErrorNamingBoth() async throws {
        let error = try await firstError([
            "content/posts/2024-01-01-hello.md": "A",
            "content/posts/2024-02-01-hello.md": "B",
        ])
        #expect(
            error.description
                == "content/posts/2024-02-01-hello.md: error: publishes to /posts/hello/, as content/posts/2024-01-01-hello.md does; "
                + "give one a different 'slug' or 'path', or set a pattern that tells them apart in site.yml, such as "
                + "permalinks: {posts: /:year/:month/:day/:slug/}"
        )
    }

    @Test func symlinkLeadingOutsideTheSiteIsRefused() async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": "A"])
        try FileManager.default.createSymbolicLink(
            atPath: site.folder.appending(path: "content/secret.md").path, withDestinationPath: "/etc/hostname")
        let error = try #require(await site.buildErrors().first)
        #expect(error.file == "content/secret.md")
        #expect(error.message.contains("outside the site folder"))
    }

    @Test func brokenTemplateIsAnErrorWithLine() async throws {
        let error = try await firstError([
            "content/2024-01-01-a.md": "A",
            "templates/article.mustache": "line one\n{{#article}}\nnever closed\n",
        ])
        #expect(error.file == "templates/article.mustache")
        #expect(error.line > 0)
    }

    @Test func brokenPageMarkupFailsValidationNamingPageAndSource() async throws {
        let error = try await firstError([
            "content/2024-01-01-a.md": "Text\n\n<div><em>never closed</div>\n"
        ])
        #expect(error.file == "public/a/index.html")
        #expect(error.message.contains("em"))
        #expect(error.line == 40)
        #expect(error.message.contains("(made from content/2024-01-01-a.md)"))
    }

    @Test func brokenInternalLinkFailsValidation() async throws {
        let error = try await firstError(["content/2024-01-01-a.md": "[gone](/nowhere/) and [frag](#missing)"])
        #expect(error.message.hasPrefix("broken link: '/nowhere/'"))
    }

    @Test func invalidSiteConfigNamesItsLine() async throws {
        let error = try await firstError(["site.yml": "title: A\nbase_url: not a url\n"])
        #expect(
            error.description
                == "site.yml:2: error: 'base_url' must be an absolute http or https URL such as https://example.org/")
    }
}

/// The build refuses to publish a feed that does not validate.
@Suite
struct FeedValidationInBuildTests {
    @Test func invalidFeedFailsValidationNamingTheFile() async {
        let broken =
            "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>t</title>\n</feed>\n"
        let validator = SiteValidator(config: SiteConfig(title: "T"), outputName: "public")
        let diagnostics = await validator.validate([OutputFile(path: "feed.xml", kind: .feed(.atom), text: broken)])
        let errors = diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(
            errors.contains(
                "public/feed.xml:2: error: [atom-required] atom:feed has no atom:id, which RFC 4287 requires"))
    }
}
