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
        let stray = try await firstError([
            "content/2024-01-01-a.md": "A",
            "templates/article.mustache": "line one\n{{/article}}\nthree\n",
        ])
        #expect(stray.file == "templates/article.mustache" && stray.line == 2)
    }

    /// Markup an author wrote wrong is reported on the Markdown line it was written on, once,
    /// not on the line of the page it ended up in; lines a message names are the file's too.
    @Test func brokenContentMarkupIsReportedOnTheMarkdownLine() async throws {
        let site = try TemporarySite([
            "content/2024-01-01-a.md": "---\ntitle: A\n---\nText\n\n<div><em>never closed</div>\n\n"
                + "Fine.\n\n<p>Para\n<div>block</div></p>\n"
        ])
        let errors = await site.buildErrors()
        #expect(errors.allSatisfy { $0.file == "content/2024-01-01-a.md" && $0.origin == nil })
        #expect(
            errors.map(\.description).contains(
                "content/2024-01-01-a.md:6: error: [html] Opening and ending tag mismatch: div and em"))
        #expect(
            errors.map(\.description).contains {
                $0.hasPrefix(
                    "content/2024-01-01-a.md:11: error: [html-block-in-p] <div> cannot be inside the <p> opened on line 10"
                )
            })
        #expect(Set(errors.map(\.description)).count == errors.count)
    }

    /// Broken markup in the theme is the page's, named with its line and the article it was
    /// made for.
    @Test func brokenThemeMarkupIsReportedOnThePage() async throws {
        let error = try await firstError([
            "content/2024-01-01-a.md": "Text\n",
            "templates/article.mustache":
                "{{<base}}{{$content}}<div><em>{{article.title}}</div>{{/content}}{{/base}}\n",
        ])
        #expect(error.file == "public/a/index.html")
        #expect(error.origin == "content/2024-01-01-a.md")
        #expect(error.rule == "html")
    }

    @Test func brokenInternalLinkFailsValidation() async throws {
        let error = try await firstError([
            "content/2024-01-01-a.md": "---\ntitle: A\n---\nText.\n\n[gone](/nowhere/) and [frag](#missing)"
        ])
        #expect(error.message.hasPrefix("broken link: '/nowhere/'"))
        // Where the author wrote it, not where the page holds it.
        #expect(error.file == "content/2024-01-01-a.md" && error.line == 6 && error.origin == nil)
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

    /// Two file names that are one name to Unicode, saved in composed and decomposed form:
    /// an error naming both, never a crash on a duplicate key.
    @Test func namesEqualInUnicodeButNotInBytesAreAnError() async throws {
        let site = try TemporarySite()
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        try site.write("content/\(composed).md", "---\ntitle: One\nslug: one\ntags: [\(composed)]\n---\nA")
        try site.write("content/\(decomposed).md", "---\ntitle: Two\nslug: two\ntags: [\(decomposed)]\n---\nB")
        let errors = await site.buildErrors()
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("has the same name as content/") == true)

        // Tags spelled both ways are one tag.
        try FileManager.default.removeItem(at: site.folder.appending(path: "content/\(decomposed).md"))
        try site.write("content/other.md", "---\ntitle: Two\nslug: two\ntags: [\(decomposed)]\n---\nB")
        try await site.build()
        #expect(try site.read("tags/cafe/index.html").contains("Two"))
    }

    /// A partial that includes itself or a layout that inherits itself would recurse until the
    /// stack overflows: the theme is refused with the chain named.
    @Test(arguments: [
        ("partials/summary", "{{> partials/summary}}", "partials/summary → partials/summary"),
        ("base", "{{< base}}{{/base}}", "base → base"),
        ("partials/meta", "{{>partials/loop}}", "partials/loop → partials/meta → partials/loop"),
    ])
    func aTemplateLoopIsAnErrorNotACrash(name: String, text: String, chain: String) async throws {
        let site = try TemporarySite([
            "content/2024-01-01-a.md": "A", "templates/\(name).mustache": text,
            "templates/partials/loop.mustache": "{{> partials/meta}}",
        ])
        let errors = await site.buildErrors()
        let loop = try #require(errors.first { $0.message.contains("includes or inherits itself") })
        #expect(loop.message.contains("(\(chain))"))
        #expect(loop.file.hasPrefix("templates/"))
    }

    /// Numeric settings are range-checked: a huge page size is an error naming the setting,
    /// never an arithmetic overflow.
    @Test(arguments: [
        ("pagination:\n  page_size: 9223372036854775807\n", "'page_size' must be between 1 and 10000"),
        ("pagination: 0\n", "'pagination' must be between 1 and 10000"),
        ("feed:\n  entries: 9223372036854775807\n", "'entries' must be between 1 and 100000"),
        ("feed:\n  max_bytes: 9223372036854775807\n", "'max_bytes' must be between 1024 and 1073741824"),
    ])
    func numericSettingsAreRangeChecked(settings: String, message: String) async throws {
        let site = try TemporarySite(["site.yml": "title: T\n" + settings, "content/2024-01-01-a.md": "A"])
        let error = try #require(await site.buildErrors().first)
        #expect(error.file == "site.yml")
        #expect(error.message.contains(message))
    }

    /// YAML aliases cannot make reading take exponential time or memory: an alias used as a
    /// key is refused before parsing, and values expanding past a budget are an error.
    @Test func yamlAliasBombsAreErrorsNotHangs() async throws {
        var keys = "l0: &l0 {x: 1}\n"
        var laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            keys +=
                "l\(level): &l\(level) {" + (0..<10).map { "*l\(level - 1) : \($0)" }.joined(separator: ", ") + "}\n"
            laughs +=
                "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let site = try TemporarySite([
            "content/2024-01-01-keys.md": "---\ntitle: Keys\n\(keys)---\nBody",
            "content/2024-01-01-laughs.md": "---\ntitle: Laughs\n\(laughs)---\nBody",
            "content/2024-01-01-fine.md":
                "---\ntitle: Fine\nbase: &base {a: 1}\nother: *base\nquote: \"see *base: below, or 'x: *base: y'\"\nsingle: 'it''s *base: fine'\n---\nBody",
        ])
        let errors = await site.buildErrors()
        #expect(errors.map(\.file).sorted() == ["content/2024-01-01-keys.md", "content/2024-01-01-laughs.md"])
        #expect(errors.contains { $0.line == 4 && $0.message.contains("is used as a key") })
        #expect(errors.contains { $0.message.contains("expands to more than 100000 values") })
    }

    /// Messages name the real cause, once.
    @Test func misleadingMessagesAreGone() async throws {
        let contentFile = try TemporarySite(["content": "not a folder"])
        let notAFolder = try #require(await contentFile.buildErrors().first)
        #expect(notAFolder.file == "content" && notAFolder.message.contains("is a file, not a folder"))

        let listSettings = try TemporarySite(["site.yml": "- a\n- b\n", "content/a.md": "A"])
        #expect(await listSettings.buildErrors().first?.message.hasPrefix("the settings must be a mapping") == true)

        let deep = try TemporarySite([
            "content/deep.md": "---\ntitle: Deep\n---\n" + String(repeating: "<div>", count: 300) + "x"
                + String(repeating: "</div>", count: 300)
        ])
        let errors = await deep.buildErrors().filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("nested more than 256 deep") == true)
    }

    /// Values a browser would run as script are refused where they become links.
    @Test(arguments: [
        ("content/a.md", "---\nimage: javascript:alert(1)\n---\nA", "image"),
        ("content/a.md", "---\nid: \" JavaScript:alert(1)\"\n---\nA", "id"),
        ("content/a.md", "---\nauthor:\n  name: A\n  uri: vbscript:x\n---\nA", "uri"),
        ("site.yml", "title: T\nfeed:\n  icon: data:text/html,<script>alert(1)</script>\n", "icon"),
    ])
    func scriptURLsAreRefused(file: String, text: String, key: String) async throws {
        var files = ["content/a.md": "A", "site.yml": "title: T\n"]
        files[file] = text
        let site = try TemporarySite(files)
        let error = try #require(await site.buildErrors().first)
        #expect(error.file == file)
        #expect(error.message.contains("'\(key)' may not be a javascript:, vbscript: or data: URL"))
    }

    /// Dates feeds cannot carry are refused where they are written, not blamed on a feed;
    /// Hugo's zero date means a date that was never set.
    @Test func datesOutOfRangeAreRefusedAtTheirLine() async throws {
        let early = try TemporarySite(["content/a.md": "---\ntitle: A\ndate: 0099-05-01\n---\nA"])
        let error = try #require(await early.buildErrors().first)
        #expect(error.file == "content/a.md" && error.line == 3)
        #expect(error.message.contains("out of range"))

        let zero = try TemporarySite(["content/2024-02-03-a.md": "---\ntitle: A\ndate: 0001-01-01T00:00:00Z\n---\nA"])
        try await zero.build()
        #expect(try zero.read("feed.xml").contains("<published>2024-02-03T00:00:00Z</published>"))
    }

    /// A title that transliterates to more than a file system takes is an error naming the
    /// article, before anything is written.
    @Test func aPathTooLongForTheFileSystemNamesItsArticle() async throws {
        let site = try TemporarySite(["content/a.md": "---\nslug: " + String(repeating: "x", count: 300) + "\n---\nA"])
        let error = try #require(await site.buildErrors().first)
        #expect(error.file == "content/a.md")
        #expect(error.message.contains("file systems take at most 255"))
    }

    /// Control characters written as escapes in YAML or TOML are dropped with a warning at
    /// their line, like raw ones: they never reach a page or a feed.
    @Test(arguments: [
        "---\ntitle: \"Bell\\u0007 title\"\ntags: [\"a\\u001Bb\"]\n---\nBody",
        "+++\ntitle = \"Bell\\u0007 title\"\ntags = [\"a\\u001Bb\"]\n+++\nBody",
    ])
    func escapedControlCharactersAreDroppedWithAWarning(text: String) async throws {
        let site = try TemporarySite(["content/2024-01-01-a.md": text])
        let summary = try await site.build()
        let lines = summary.warnings.filter { $0.message.contains("control characters that HTML and XML forbid") }
            .map(\.line)
        #expect(lines == [2, 3])
        let page = try site.read("a/index.html")
        #expect(page.contains("Bell title") && !page.contains("\u{7}"))
        #expect(try site.read("tags/ab/index.html").contains("ab"))
    }

    /// A file name that is not UTF-8 is named as such, not as a broken link.
    @Test func aFileNameThatIsNotUTF8IsNamedAsSuch() async throws {
        let site = try TemporarySite(["content/a.md": "A"])
        let folder = Array(site.folder.appending(path: "content").path.utf8)
        let name = folder + Array("/bad-".utf8) + [0xFF] + Array(".md".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                open($0, O_WRONLY | O_CREAT, 0o644)
            }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let error = try #require(await site.buildErrors().first)
        #expect(error.message == "has a name that is not valid UTF-8; rename it")
    }
}
