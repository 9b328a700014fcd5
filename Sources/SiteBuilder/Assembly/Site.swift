/// The whole site in memory: configuration, articles newest first, and their tags.
public struct Site: Sendable {
    /// The site's configuration.
    public let config: SiteConfig
    /// Published articles, newest first; ties broken by path so the order never changes.
    public let articles: [RenderedArticle]
    /// Tags, sorted by slug, each with its articles newest first.
    public let tags: [Tag]

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
        tags = members.keys.sorted().map { slug in
            let name = spellings[slug]!.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            return Tag(name: name, slug: slug, articleIndices: members[slug]!)
        }
    }
}
