import Dispatch
import Synchronization

/// The whole site in memory: configuration, articles newest first, and their tags.
public struct Site: Sendable {
    /// The site's configuration.
    public let config: SiteConfig
    /// Published articles, newest first; ties broken by path so the order never changes.
    public private(set) var articles: [RenderedArticle]
    /// Standalone pages (About, Contact), by path: in no list, tag, archive or feed.
    public let pages: [RenderedArticle]
    /// Tags, sorted by slug, each with its articles newest first.
    public let tags: [Tag]
    /// Sections (the folders of `content/`, nested ones too), sorted by path.
    public let sections: [Section]
    /// The feeds the site publishes.
    public let feeds: FeedPlan

    /// A folder of `content/` and the articles in it and below it.
    public struct Section: Sendable, Hashable {
        /// The section's path inside the site (`posts`, `news/world`).
        public let name: String
        /// Indices into `Site.articles`, newest first unless the section's `_index.md` orders
        /// it otherwise.
        public let articleIndices: [Int]
        /// The section's title: its `_index.md`'s, else its folder's name (`news/world` → `World`).
        public let title: String
        /// A sentence about the section, from its `_index.md`.
        public let description: String?

        /// The section page's site path: `/posts/`.
        public var path: String { SitePaths.section(name) }
    }

    /// A tag and the articles that carry it.
    public struct Tag: Sendable, Hashable {
        /// The tag as most articles spell it.
        public let name: String
        /// Its URL segment.
        public let slug: String
        /// Indices into `Site.articles`, newest first.
        public let articleIndices: [Int]

        /// The tag page's site path: `/tags/swift/`.
        public var path: String { SitePaths.tag(slug: slug) }
    }

    /// Up to three articles related to each article, by index: those sharing the most tags,
    /// then the nearest in time.
    private let relatedIndices: [[Int]]

    /// How far in each tag's list (in articles, either side) related articles are looked for,
    /// so that a tag on thousands of articles does not make the search quadratic.
    private static let relatedWindow = 60

    /// The site with the article at `index` replaced by `article`, which must have the same
    /// path, date and tags: what the site's lists and related articles are made of is unchanged.
    public func replacingArticle(at index: Int, with article: RenderedArticle) -> Site {
        var site = self
        site.articles[index] = article
        return site
    }

    /// Up to three articles that share the most tags with the article at `index`, most shared
    /// first, then newest; articles without tags have none.
    public func related(to index: Int) -> [Int] {
        relatedIndices[index]
    }

    /// Where an article stands in one tag's list: the tag's number and the article's position
    /// in that tag's list, noted as the list is made.
    private struct Membership {
        /// The tag's number (`members`).
        let tag: Int
        let position: Int
    }

    private static func findRelated(memberships: [[Membership]], members: [[Int]]) -> [[Int]] {
        // Each article's search is independent of the others': the articles are split between
        // the cores, each half counting in its own array.
        let count = memberships.count
        let halves = count < 2_000 ? [0..<count] : [0..<count / 2, count / 2..<count]
        let found = Mutex([[[Int]]](repeating: [], count: halves.count))
        DispatchQueue.concurrentPerform(iterations: halves.count) { half in
            let related = findRelated(in: halves[half], memberships: memberships, members: members)
            found.withLock { $0[half] = related }
        }
        return found.withLock { Array($0.joined()) }
    }

    private static func findRelated(
        in range: Range<Int>, memberships: [[Membership]], members membersByTag: [[Int]]
    ) -> [[Int]] {
        var related: [[Int]] = []
        related.reserveCapacity(range.count)
        // Shared tags counted in one array for all articles, reset after each: counting in a
        // dictionary per article hashed a few hundred keys each time. Counted through its
        // buffer, in four bytes a count (an article has fewer tags): the counts of ten
        // thousand articles then fit the processor's nearest cache.
        var counts = [UInt32](repeating: 0, count: memberships.count)
        var candidates: [Int] = []
        counts.withUnsafeMutableBufferPointer { counts in
            for index in range {
                for membership in memberships[index] {
                    let members = membersByTag[membership.tag]
                    let position = membership.position
                    let window = max(0, position - relatedWindow)..<min(members.count, position + relatedWindow + 1)
                    members.withUnsafeBufferPointer { members in
                        for other in members[window] where other != index {
                            if counts[other] == 0 { candidates.append(other) }
                            counts[other] += 1
                        }
                    }
                }
                related.append(best(of: candidates, for: index, counts: counts))
                candidates.removeAll(keepingCapacity: true)
            }
        }
        return related
    }

    /// The three best of `candidates` for the article at `index`: most shared tags first
    /// (`counts`), then the nearest in date, then the newer; picked in one pass instead of
    /// sorting every candidate. Their counts are set back to zero.
    private static func best(of candidates: [Int], for index: Int, counts: UnsafeMutableBufferPointer<UInt32>) -> [Int]
    {
        let ranksBefore = { (lhs: (key: Int, value: Int), rhs: (key: Int, value: Int)) -> Bool in
            lhs.value != rhs.value
                ? lhs.value > rhs.value
                : abs(lhs.key - index) != abs(rhs.key - index)
                    ? abs(lhs.key - index) < abs(rhs.key - index) : lhs.key < rhs.key
        }
        var best: [(key: Int, value: Int)] = []
        for other in candidates {
            let candidate = (key: other, value: Int(counts[other]))
            counts[other] = 0
            guard best.count < 3 || ranksBefore(candidate, best[best.count - 1]) else { continue }
            let slot = best.firstIndex { ranksBefore(candidate, $0) } ?? best.count
            best.insert(candidate, at: slot)
            if best.count > 3 { best.removeLast() }
        }
        return best.map(\.key)
    }

    /// Puts articles in order and groups them by tag.
    /// - Parameters:
    ///   - config: The site's configuration.
    ///   - articles: The rendered articles, in any order.
    ///   - sections: What `_index.md` files say about sections, by section path (`news/world`).
    public init(config: SiteConfig, articles all: [RenderedArticle], sections info: [String: SectionInfo] = [:]) {
        self.config = config
        pages = all.filter(\.article.isPage).sorted { $0.article.path < $1.article.path }
        let articles = all.filter { !$0.article.isPage }
        // Sorting positions, not the articles themselves: moving large values costs more than
        // comparing them. The keys are taken out once, as copying an article retains its every
        // field, each in a list of its own, so that comparing instants touches no text.
        let instants = articles.map(\.article.date.instant)
        let paths = articles.map(\.article.path)
        let order = articles.indices.sorted { left, right in
            instants[left] != instants[right] ? instants[left] > instants[right] : paths[left] < paths[right]
        }
        self.articles = order.map { articles[$0] }
        // Each spelling of a tag and each slug numbered as first met, and counted by number:
        // an article's tag is looked up once, not once in each of three tables.
        var spellingNumbers: [String: Int] = [:]
        var spellings: [(text: String, tag: Int, count: Int)] = []
        var slugNumbers: [String: Int] = [:]
        var slugs: [String] = []
        var members: [[Int]] = []
        /// The number of the spelling `text`, numbered (and its tag, by slug) when first met.
        func spellingNumber(_ text: String) -> Int {
            if let number = spellingNumbers[text] { return number }
            let slug = Slug.make(text)
            let tag = slugNumbers[slug] ?? slugs.count
            if tag == slugs.count {
                slugNumbers[slug] = tag
                slugs.append(slug)
                members.append([])
            }
            spellingNumbers[text] = spellings.count
            spellings.append((text, tag, 0))
            return spellings.count - 1
        }
        var memberships: [[Membership]] = []
        memberships.reserveCapacity(self.articles.count)
        // By index: binding each article to a name would copy it, retaining its every field.
        for index in self.articles.indices {
            var own: [Membership] = []
            for text in self.articles[index].article.tags {
                let spelling = spellingNumber(text)
                spellings[spelling].count += 1
                let tag = spellings[spelling].tag
                // Two spellings of one tag on an article count once among shared tags.
                if !own.contains(where: { $0.tag == tag }) {
                    own.append(Membership(tag: tag, position: members[tag].count))
                }
                members[tag].append(index)
            }
            memberships.append(own)
        }
        // Articles by section first, then each section's articles under every folder above it.
        var bySection: [String: [Int]] = [:]
        for index in self.articles.indices {
            bySection[self.articles[index].article.section, default: []].append(index)
        }
        var sectionMembers: [String: [Int]] = [:]
        for (section, indices) in bySection {
            let parts = section.split(separator: "/")
            for depth in parts.indices {
                sectionMembers[parts[...depth].joined(separator: "/"), default: []] += indices
            }
        }
        let ordered = self.articles
        sections = sectionMembers.keys.sorted().map { name in
            let details = info[name] ?? SectionInfo()
            // In site order, as sections below it may have added theirs after its own.
            var members = sectionMembers[name]!.sorted()
            if details.order == .title {
                members.sort { (ordered[$0].article.title, $0) < (ordered[$1].article.title, $1) }
            }
            return Section(
                name: name, articleIndices: members,
                title: details.title ?? DisplayName.fromFileName(String(name.split(separator: "/").last ?? "")),
                description: details.description)
        }
        // Each tag named by its most used spelling; of two used as often, the first in order.
        var names = slugs.map { _ in (text: "", count: 0) }
        for spelling in spellings {
            let best = names[spelling.tag]
            if spelling.count > best.count || (spelling.count == best.count && spelling.text < best.text) {
                names[spelling.tag] = (spelling.text, spelling.count)
            }
        }
        tags = slugs.indices.sorted { slugs[$0] < slugs[$1] }.map { number in
            Tag(name: names[number].text, slug: slugs[number], articleIndices: members[number])
        }
        relatedIndices = Self.findRelated(memberships: memberships, members: members)
        feeds = FeedPlan(config: config, articleCount: self.articles.count, sections: sections, tags: tags)
    }
}
