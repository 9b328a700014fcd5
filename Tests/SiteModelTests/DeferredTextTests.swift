import GazetteCore
import SiteModel
import Synchronization
import TestSupport
import Testing

/// Text read later is the same text as text held: equal, equally long, hashed and digested alike.
@Suite struct DeferredTextTests {
    @Test func deferredTextIsReadWhenAskedForAndEqualsTheTextItMakes() {
        let reads = Atomic(0)
        let text = "<p>Grüße</p>"
        let deferred = DeferredText(utf8Count: text.utf8.count) {
            reads.add(1, ordering: .relaxed)
            return text
        }
        #expect(deferred.utf8Count == 14)
        #expect(reads.load(ordering: .relaxed) == 0)
        #expect(deferred.text == text)
        #expect(reads.load(ordering: .relaxed) == 1)
        #expect(deferred == DeferredText(text))
        #expect(deferred != DeferredText("<p>Grüsse</p>"))
        #expect(Set([deferred, DeferredText(text)]).count == 1)
    }

    @Test func aRenderedArticleIsDigestedAlikeWhetherItsHTMLIsDeferredOrNot() {
        let article = Samples.article("a")
        func rendered(_ html: DeferredText) -> RenderedArticle {
            RenderedArticle(article: article, html: html, summary: "S", wordCount: 1, headings: [], image: nil)
        }
        let held = rendered(DeferredText("<p>Body</p>"))
        let deferred = rendered(DeferredText(utf8Count: 11) { "<p>Body</p>" })
        #expect(held == deferred)
        #expect(ContentDigest(of: held) == ContentDigest(of: deferred))
        #expect(ContentDigest(of: held) != ContentDigest(of: rendered(DeferredText("<p>Other</p>"))))
        #expect(deferred.htmlByteCount == 11)
    }
}

/// A rendering's details kept in the build cache are read when first asked for, once; what
/// every build asks of each article (which lists are empty, the lookups' digest) is answered
/// without reading them. The rendering equals, hashes and digests as the one whose details
/// are held.
@Suite struct DeferredDetailsTests {
    @Test func detailsAreMadeOnceWhenFirstReadAndEqualThoseHeld() {
        let article = Samples.article("a")
        let lookups = LinkLookups(keys: ["b.md"], answers: ["/b/"])
        let details = RenderedArticle.Details(
            summary: "S", headings: [.init(level: 2, id: "h", text: "H")], warnings: [], markupProblems: [],
            linkLines: [:], linkLookups: lookups)
        let makes = Atomic(0)
        let deferred = RenderedArticle(
            article: article, html: DeferredText("<p>Body</p>"), wordCount: 1, image: "/i.png",
            details: RenderedArticle.DeferredDetails(
                counts: (warnings: 0, markupProblems: 0, linkLines: 0), linkLookupsDigest: lookups.digest,
                linkLinesDigest: nil
            ) {
                makes.add(1, ordering: .relaxed)
                return details
            })
        #expect(deferred.warnings.isEmpty && deferred.markupProblems.isEmpty && deferred.linkLines.isEmpty)
        #expect(deferred.linkLookupsDigest == lookups.digest && deferred.wordCount == 1 && deferred.image == "/i.png")
        #expect(makes.load(ordering: .relaxed) == 0)
        #expect(deferred.summary == "S" && deferred.headings == details.headings && deferred.linkLookups == lookups)
        #expect(makes.load(ordering: .relaxed) == 1)
        let held = RenderedArticle(
            article: article, html: DeferredText("<p>Body</p>"), summary: "S", wordCount: 1,
            headings: details.headings, image: "/i.png", linkLookups: lookups)
        #expect(held == deferred && Set([held, deferred]).count == 1)
        #expect(ContentDigest(of: held) == ContentDigest(of: deferred))
        #expect(held.linkLookupsDigest == deferred.linkLookupsDigest)
        #expect(held.linkLineTable.digest == nil && deferred.linkLineTable.digest == nil)
        #expect(held.linkLineTable.isEmpty && deferred.linkLineTable.isEmpty)
        #expect(RenderedArticle.linesDigest(of: ["/a/": 1]) != RenderedArticle.linesDigest(of: ["/a/": 2]))
        #expect(makes.load(ordering: .relaxed) == 1)
        #expect(LinkLookups().digest == nil && lookups.digest != LinkLookups(keys: ["b.md"], answers: [""]).digest)
    }
}
