import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@Suite struct SiteTests {
    @Test func articlesAtOneInstantInDifferentOffsetsAreOrderedByPath() {
        let utc = Timestamp(year: 2024, month: 3, day: 1, hour: 9)
        let paris = Timestamp(year: 2024, month: 3, day: 1, hour: 10, utcOffsetSeconds: 3600)
        let articles = [
            Samples.article("b", date: utc), Samples.article("a", date: paris), Samples.article("c", date: utc),
        ]
        for order in [articles, articles.reversed(), [articles[1], articles[2], articles[0]]] {
            let site = Site(config: Samples.config(), articles: order.map(Samples.rendered))
            #expect(site.articles.map(\.article.slug) == ["a", "b", "c"])
        }
    }

    @Test func tagsTakeTheCommonestSpellingAndSectionsNest() {
        let site = Site(
            config: Samples.config(),
            articles: [
                Samples.article("a", section: "news/world", tags: ["Swift"]),
                Samples.article("b", section: "news", tags: ["swift"]),
                Samples.article("c", section: "news", tags: ["swift"]),
            ].map(Samples.rendered))
        #expect(site.tags.map(\.name) == ["swift"])
        #expect(site.sections.map(\.name) == ["news", "news/world"])
        #expect(site.sections[0].articleIndices.count == 3)
        #expect(site.sections[1].title == "World")
    }

    /// Related articles, found on both cores for a large site, are those a plain count over
    /// every pair of articles ranks first: most shared tags, then nearest in date, then newer.
    /// No tag here has more articles than the search looks at either side of an article.
    @Test func relatedArticlesShareTheMostTagsThenAreNearest() {
        let count = 2_400
        let start = Timestamp(year: 2020, month: 1, day: 1)
        let articles = (0..<count).map { number in
            Samples.article(
                String(format: "a%04d", number),
                date: Timestamp(secondsSinceEpoch: start.secondsSinceEpoch - Int64(number) * 3600),
                tags: ["t\(number / 50)", "u\(number % 48)", "v\(number / 7 % 40)"])
        }
        let site = Site(config: Samples.config(), articles: articles.map(Samples.rendered))
        #expect(site.articles.map(\.article.slug) == articles.map(\.slug))
        var members: [String: [Int]] = [:]
        for index in 0..<count {
            for tag in site.articles[index].article.tags { members[tag, default: []].append(index) }
        }
        for index in 0..<count {
            var shared: [Int: Int] = [:]
            for tag in site.articles[index].article.tags {
                for other in members[tag] ?? [] where other != index { shared[other, default: 0] += 1 }
            }
            let ranked = shared.map { (other: $0.key, shared: $0.value) }
                .sorted {
                    ($0.shared, -abs($0.other - index), -$0.other) > ($1.shared, -abs($1.other - index), -$1.other)
                }
            #expect(site.related(to: index) == ranked.prefix(3).map(\.other), "article \(index)")
        }
    }
}

@Suite struct FeedPlanTests {
    private func site(tagFeeds: Bool = true, sectionFeeds: Bool = true) -> Site {
        var config = Samples.config(title: "News")
        config.feed.tagFeeds = tagFeeds
        config.feed.sectionFeeds = sectionFeeds
        return Site(
            config: config,
            articles: [
                Samples.article("a", section: "world", tags: ["Rain"]),
                Samples.article("b", section: "", tags: ["Sun"]),
            ].map(Samples.rendered))
    }

    @Test func plansTheSiteSectionAndTagFeedsWithTheirTitles() {
        let plan = site().feeds
        #expect(plan.folders.map(\.path) == ["/", "/world/", "/tags/rain/", "/tags/sun/"])
        #expect(plan.folders.map(\.title) == ["News", "News: World", "News: Rain", "News: Sun"])
        #expect(plan.siteFeed.articleIndices.count == 2)
        #expect(plan.folder(at: "/tags/sun/")?.articleIndices.count == 1)
    }

    @Test func settingsTurnTagAndSectionFeedsOff() {
        let plan = site(tagFeeds: false, sectionFeeds: false).feeds
        #expect(plan.folders.map(\.path) == ["/"])
        #expect(plan.folder(at: "/world/") == nil)
    }
}

@Suite struct SectionInfoTests {
    @Test func indexFilesNameSectionsAndCanOrderThemByTitle() {
        let site = Site(
            config: Samples.config(),
            articles: [
                Samples.article("b", title: "Beta", date: Timestamp(year: 2024, month: 1, day: 3)),
                Samples.article("a", title: "Alpha", date: Timestamp(year: 2024, month: 1, day: 1)),
                Samples.article("c", title: "Gamma", date: Timestamp(year: 2024, month: 1, day: 2)),
            ].map(Samples.rendered),
            sections: ["posts": SectionInfo(title: "Notes", description: "All notes.", order: .title)])
        let section = site.sections[0]
        #expect(section.title == "Notes" && section.description == "All notes.")
        #expect(section.articleIndices.map { site.articles[$0].article.title } == ["Alpha", "Beta", "Gamma"])
        #expect(site.articles.map(\.article.title) == ["Beta", "Gamma", "Alpha"])
    }
}
