/// The whole site in memory: configuration, articles newest first, and their tags.
public struct Site: Sendable {
    /// The site's configuration.
    public let config: SiteConfig
    /// Published articles, newest first; ties broken by path so the order never changes.
    public let articles: [RenderedArticle]
    /// Tags, sorted by slug, each with its articles newest first.
    public let tags: [Tag]
    /// Sections (the folders of `content/`, nested ones too), sorted by path.
    public let sections: [Section]

    /// A folder of `content/` and the articles in it and below it.
    public struct Section: Sendable, Hashable {
        /// The section's path inside the site (`posts`, `news/world`).
        public let name: String
        /// Indices into `Site.articles`, newest first.
        public let articleIndices: [Int]

        /// The section page's site path: `/posts/`.
        public var path: String { "/\(name)/" }
        /// A heading for the section: `news/world` → `World`.
        public var title: String { ArticleReader.humanize(String(name.split(separator: "/").last ?? "")) }
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
        public var path: String { "/tags/\(slug)/" }
    }

    /// Up to `limit` articles that share the most tags with the article at `index`, most
    /// shared first, then newest; articles without tags have no related ones.
    public func related(to index: Int, limit: Int = 3) -> [Int] {
        let slugs = Set(articles[index].article.tags.map(Slug.make))
        guard !slugs.isEmpty else { return [] }
        var shared: [Int: Int] = [:]
        for tag in tags where slugs.contains(tag.slug) {
            for other in tag.articleIndices where other != index { shared[other, default: 0] += 1 }
        }
        return shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
    }

    /// Puts articles in order and groups them by tag.
    /// - Parameters:
    ///   - config: The site's configuration.
    ///   - articles: The rendered articles, in any order.
    public init(config: SiteConfig, articles: [RenderedArticle]) {
        self.config = config
        self.articles = articles.sorted { lhs, rhs in
            lhs.article.date != rhs.article.date ? lhs.article.date > rhs.article.date : lhs.article.path < rhs.article.path
        }
        var spellings: [String: [String: Int]] = [:]
        var members: [String: [Int]] = [:]
        for (index, rendered) in self.articles.enumerated() {
            for tag in rendered.article.tags {
                let slug = Slug.make(tag)
                spellings[slug, default: [:]][tag, default: 0] += 1
                members[slug, default: []].append(index)
            }
        }
        var sectionMembers: [String: [Int]] = [:]
        for (index, rendered) in self.articles.enumerated() {
            let parts = rendered.article.section.split(separator: "/")
            for depth in parts.indices {
                sectionMembers[parts[...depth].joined(separator: "/"), default: []].append(index)
            }
        }
        sections = sectionMembers.keys.sorted().map { Section(name: $0, articleIndices: sectionMembers[$0]!) }
        tags = members.keys.sorted().map { slug in
            let name = spellings[slug]!.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            return Tag(name: name, slug: slug, articleIndices: members[slug]!)
        }
    }
}
