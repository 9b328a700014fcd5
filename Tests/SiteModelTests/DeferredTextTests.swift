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
