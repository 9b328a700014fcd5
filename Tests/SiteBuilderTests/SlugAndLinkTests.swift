import Foundation
import GazetteCore
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent
@testable import SiteModel

struct SlugAndLinkTests {
    @Test(arguments: [
        ("Hello, World!", "hello-world"),
        ("Café Ünïcode", "cafe-unicode"),
        ("Привет мир", "privet-mir"),
        ("c++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("  --  ", ""),
    ])
    func slugs(text: String, expected: String) {
        #expect(Slug.make(text) == expected)
    }

    /// Slugs are URLs readers have subscribed to: transliterating word by word (which `make`
    /// does to set ICU up once per word) must give what transliterating the whole text gave.
    @Test(arguments: [
        "日本語 strict", "Ελληνικά column ΣΊΣΥΦΟΣ", "Москва fixtures", "Straße  café Ǳ", "한국어 텍스트 검사",
        "مرحبا بالعالم", "ภาษาไทยไม่มีช่องว่าง test", "naïve日本 ñandú", "Ångström — “quoted” …",
        "Zürich, München's: São—Paulo", "Æsir Ærø (Øresund) façade_coöperate", "e\u{301}te\u{301} 東京:日本語",
    ])
    func wordByWordTransliterationKeepsSlugs(text: String) throws {
        let whole = try #require(text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false))
        #expect(Slug.make(text) == Slug.make(whole))
        #expect(!Slug.make(text).isEmpty)
    }

    /// The transliterator opened once writes what Foundation's `applyingTransform`, which
    /// opens one on every call, writes: every letter and mark of Latin-1, Latin Extended-A and
    /// general punctuation, and words of other scripts, alone and together.
    @Test(arguments: [
        String((0xA0...0x17F).compactMap(Unicode.Scalar.init).map(Character.init)),
        String((0x2000...0x206F).compactMap(Unicode.Scalar.init).map(Character.init)),
        "日本語 Ελληνικά ΣΊΣΥΦΟΣ Москва 한국어 مرحبا ภาษาไทย Ǳ e\u{301}",
        "Москва", "日本語", "ΣΊΣΥΦΟΣ", String(repeating: "日本語", count: 200),
    ])
    func theTransliteratorOpenedOnceWritesWhatFoundationWrites(text: String) {
        #if os(Linux)
            #expect(LatinTransliterator.shared.isOpen && LatinTransliterator.chinese.isOpen)
        #endif
        let foundation = LatinTransliterator.transliteratedByFoundation(text)
        #expect(LatinTransliterator.shared.transliterate(text) == foundation)
        #expect(LatinTransliterator.chinese.transliterate(text) == foundation)
    }

    /// Words with Chinese characters go to a transliterator of their own; others do not.
    @Test func wordsWithChineseCharactersHaveTheirOwnTransliterator() {
        for word in ["日本語", "東京タワー", "x中", "𠀀", "⺀"] {
            #expect(LatinTransliterator.serving(word) === LatinTransliterator.chinese, "\(word)")
        }
        for word in ["café", "Москва", "ひらがな", "한국어", "ΣΊΣΥΦΟΣ", "〃"] {
            #expect(LatinTransliterator.serving(word) === LatinTransliterator.shared, "\(word)")
        }
    }

    /// The accented Latin letters spelled without ICU are spelled as ICU spells them, alone
    /// and inside words; the others are left to ICU.
    @Test func latinLettersAreSpelledAsICUSpellsThem() throws {
        let icu = LatinTransliterator.shared
        var letters: [String] = []
        for (offset, spelling) in LatinTransliterator.latinLetterSpellings.enumerated() {
            let letter = String(Character(try #require(Unicode.Scalar(LatinTransliterator.latinLettersStart + offset))))
            let spelled = icu.transliterate(letter)
            if spelling == UInt8(ascii: "_") {
                #expect(LatinTransliterator.latinLetters(letter) == nil)
                #expect(spelled.utf8.count != 1 || !spelled.utf8.allSatisfy { $0 < 0x80 }, "\(letter) → \(spelled)")
            } else {
                #expect(LatinTransliterator.latinLetters(letter) == spelled, "\(letter)")
                letters.append(letter)
            }
        }
        #expect(letters.count > 300)
        // Words of them beside ASCII letters, each letter beside several others.
        var random = SeededRandom(seed: 7)
        for _ in 0..<200 {
            let word = (0..<random.int(in: 2...8)).map { _ in
                random.chance(0.5) ? random.pick(letters) : random.pick(["a", "Z", "9"])
            }.joined()
            #expect(LatinTransliterator.latinLetters(word) == icu.transliterate(word), "\(word)")
        }
        for word in ["café", "Ångström", "Łódź", "naïve", "Dvořák", "São", "İstanbul"] {
            #expect(LatinTransliterator.latinLetters(word) == icu.transliterate(word), "\(word)")
        }
        for word in ["Ærø", "straße", "Þór", "Москва", "e\u{301}"] {
            #expect(LatinTransliterator.latinLetters(word) == nil, "\(word)")
        }
    }

    /// The reading stage's question, on bytes, answers as a walk over every scalar would.
    @Test(arguments: [
        "plain ASCII", "“curly” quotes — and dashes…", "emoji 🎉 and 𝕏", "日本語", "text then 東京", "ひらがな カタカナ",
        "한국어", "〃 ditto", "々", "⺀ radical", "𠀀 extension B", "\u{FA0D} compatibility", "é\u{301}", "",
    ])
    func textsWithChineseCharactersAreFound(text: String) {
        #expect(LatinTransliterator.holdsHan(text) == text.unicodeScalars.contains(where: LatinTransliterator.isHan))
    }

    /// Text without Chinese characters is ready to slug at once; text with them once the
    /// transliterator for them has built its rules, which asking starts.
    @Test func wordsWaitOnlyForRulesNotYetBuilt() async throws {
        #expect(Slug.isReady(toSlugWordsOf: "Москва café, no Chinese"))
        let deadline = ContinuousClock.now + .seconds(30)
        while !Slug.isReady(toSlugWordsOf: "日本語"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(LatinTransliterator.chinese.isWarm)
        #expect(Slug.make("日本語 notes") == "ri-ben-yu-notes")
    }

    @Test func datePrefixIsSplitOff() {
        #expect(Slug.splitDatePrefix("2024-03-01-hello") == ("2024-03-01", "hello"))
        #expect(Slug.splitDatePrefix("hello") == (nil, "hello"))
        #expect(Slug.splitDatePrefix("2024-3-01-x") == (nil, "2024-3-01-x"))
    }

    private let resolver = LinkResolver(
        articlePaths: ["posts/2019-05-04-other.md": "/posts/other/", "news/brief.txt": "/news/brief/"],
        assetPaths: ["images/a.png": "/images/a.png", "posts/b c.png": "/posts/b c.png"],
        basePath: "/blog/"
    )

    @Test func sourceFileLinksBecomeArticleURLs() {
        #expect(resolver.resolve("2019-05-04-other.md", from: "posts/x.md") == "/blog/posts/other/")
        #expect(resolver.resolve("2019-05-04-other.md#part", from: "posts/x.md") == "/blog/posts/other/#part")
        #expect(resolver.resolve("../news/brief.txt", from: "posts/x.md") == "/blog/news/brief/")
        #expect(resolver.resolve("../images/a.png", from: "posts/x.md") == "/blog/images/a.png")
        #expect(resolver.resolve("b%20c.png", from: "posts/x.md") == "/blog/posts/b c.png")
        #expect(resolver.resolve("./2019-05-04-other.md?x=1", from: "posts/x.md") == "/blog/posts/other/?x=1")
        #expect(resolver.resolve("..//posts/./b%20c.png", from: "posts/x.md") == "/blog/posts/b c.png")
        #expect(resolver.resolve("posts//2019-05-04-other.md", from: "x.md") == "/blog/posts/other/")
        #expect(resolver.resolve("@/news/brief.txt#a", from: "posts/deep/x.md") == "/blog/news/brief/#a")
    }

    /// A rendering depends on the entries of the link table it looked up, each recorded once
    /// with its answer, misses included: it still holds when other articles come and go, not
    /// when an entry it looked up answers otherwise.
    @Test func lookupsAreRecordedAndCheckedAgainstAnotherTable() {
        let recorder = LinkLookupRecorder()
        LinkLookupRecorder.$current.withValue(recorder) {
            _ = resolver.resolve("2019-05-04-other.md#a", from: "posts/x.md")
            _ = resolver.resolve("./2019-05-04-other.md", from: "posts/x.md")
            _ = resolver.resolve("missing.md", from: "posts/x.md")
            _ = resolver.resolve("https://example.org/a.md", from: "posts/x.md")
            _ = resolver.articleSources(named: "brief.txt")
        }
        let lookups = recorder.lookups
        #expect(lookups.keys == ["posts/2019-05-04-other.md", "posts/missing.md", "\u{0}brief.txt"])
        #expect(lookups.answers == ["/posts/other/", "", "news/brief.txt"])
        // Nothing is recorded without a recorder.
        _ = resolver.resolve("posts/other.md", from: "x.md")
        #expect(recorder.lookups == lookups)

        func table(_ articles: [String: String], assets: [String: String] = resolver.assetPaths) -> LinkResolver {
            LinkResolver(articlePaths: articles, assetPaths: assets, basePath: "/blog/")
        }
        #expect(resolver.stillAnswers(lookups))
        var more = resolver.articlePaths
        more["posts/2024-01-01-new.md"] = "/posts/new/"
        #expect(table(more).stillAnswers(lookups))
        more["posts/missing.md"] = "/posts/missing/"
        #expect(!table(more).stillAnswers(lookups))
        #expect(
            !table(resolver.articlePaths.merging(["posts/2019-05-04-other.md": "/other/"]) { $1 }).stillAnswers(lookups)
        )
        #expect(!table(resolver.articlePaths.merging(["elsewhere/brief.txt": "/b/"]) { $1 }).stillAnswers(lookups))
        // A miss among articles answered by a copied file answers otherwise too.
        #expect(!table(resolver.articlePaths, assets: ["posts/missing.md": "/posts/missing.md"]).stillAnswers(lookups))
    }

    @Test func otherLinksAreLeftAloneOrGainTheBasePath() {
        #expect(resolver.resolve("https://example.org/a.md", from: "posts/x.md") == nil)
        #expect(resolver.resolve("#top", from: "posts/x.md") == nil)
        #expect(resolver.resolve("/images/a.png", from: "posts/x.md") == "/blog/images/a.png")
        #expect(resolver.resolve("missing.md", from: "posts/x.md") == nil)
        #expect(resolver.resolve("../../../etc/passwd", from: "posts/x.md") == nil)
    }

    /// On a site under a sub-path, root links and links to source files that a writer typed in
    /// raw HTML follow the base path like Markdown links do, in pages and feeds; a root link
    /// that misses the base path is reported, never published as it is.
    @Test func rawHTMLLinksFollowTheBasePath() async throws {
        let site = try TemporarySite([
            "site.yml": "title: Sub\nbase_url: https://x.org/blog/\n",
            "content/posts/2024-01-01-other.md": "---\ntitle: Other\n---\nThe other one.",
            "content/posts/2024-01-02-main.md": """
            ---
            title: Main
            ---
            See <a href="/posts/other/">the other</a> and <a href='2024-01-01-other.md'>its source</a>.

            <p><img src="/images/a.png" srcset="/images/a.png 1x, /images/a.png 2x" alt="A"></p>
            """,
            "static/images/a.png": "png",
        ])
        try await site.build()
        let page = try site.read("posts/main/index.html")
        #expect(page.contains(#"<a href="/blog/posts/other/">the other</a>"#))
        #expect(page.contains(#"<a href='/blog/posts/other/'>its source</a>"#))
        #expect(page.contains(#"src="/blog/images/a.png" srcset="/blog/images/a.png 1x, /blog/images/a.png 2x""#))
        let feed = try site.read("feed.xml")
        #expect(feed.contains("https://x.org/blog/posts/other/") && !feed.contains("https://x.org/posts/"))

        try site.write("templates/partials/meta.mustache", #"<a href="/posts/other/">up</a>"#)
        let errors = await site.buildErrors()
        #expect(
            errors.contains { $0.message.contains("outside the site's base path /blog/; write /blog/posts/other/") })
    }
}

extension SlugAndLinkTests {
    /// A bundle's files go beside its page, the nearest bundle's when bundles nest; a folder
    /// whose name merely starts like a bundle's is not the bundle's.
    @Test func filesOfNestedBundlesGoBesideTheNearestBundlesPage() async throws {
        let site = try TemporarySite([
            "site.yml": "title: Bundles\n",
            "content/posts/trip/index.md": "---\ntitle: Trip\nslug: journey\n---\n![A](a.png)\n",
            "content/posts/trip/a.png": "a",
            "content/posts/trip/day/index.md": "---\ntitle: Day\nslug: one-day\n---\n![B](b.png)\n",
            "content/posts/trip/day/b.png": "b",
            "content/posts/trip/day/more/c.png": "c",
            "content/posts/tripod/d.png": "d",
        ])
        _ = try await site.build()
        let tree = try site.outputTree()
        #expect(tree["posts/journey/a.png"] == Data("a".utf8))
        // The inner bundle is an article of the section `posts/trip`.
        #expect(tree["posts/trip/one-day/b.png"] == Data("b".utf8))
        #expect(tree["posts/trip/one-day/more/c.png"] == Data("c".utf8))
        #expect(tree["posts/tripod/d.png"] == Data("d".utf8))
    }
}
