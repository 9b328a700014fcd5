/// Which folders of a site get feeds, what each feed is called and which articles it carries,
/// computed once: the feed builder writes from it and pages announce it in their heads, so a
/// feed's title and its autodiscovery link can never disagree.
public struct FeedPlan: Sendable, Hashable {
    /// A folder that gets feeds, one per configured format.
    public struct Folder: Sendable, Hashable {
        /// The folder's site path (`/`, `/tags/swift/`); feeds are published inside it.
        public let path: String
        /// The feeds' title.
        public let title: String
        /// The articles the feeds cover, as indices into `Site.articles`, newest first.
        public let articleIndices: [Int]
    }

    /// The site feed first, then section feeds, then tag feeds, each group sorted.
    public let folders: [Folder]
    private let indexByPath: [String: Int]

    /// The feeds a site's configuration asks for.
    /// - Parameters:
    ///   - config: The site's configuration.
    ///   - articleCount: How many articles the site has (the site feed covers all of them).
    ///   - sections: The site's sections.
    ///   - tags: The site's tags.
    public init(config: SiteConfig, articleCount: Int, sections: [Site.Section], tags: [Site.Tag]) {
        var folders = [Folder(path: SitePaths.home, title: config.title, articleIndices: Array(0..<articleCount))]
        if config.feed.sectionFeeds {
            folders += sections.map {
                Folder(path: $0.path, title: "\(config.title): \($0.title)", articleIndices: $0.articleIndices)
            }
        }
        if config.feed.tagFeeds {
            folders += tags.map {
                Folder(path: $0.path, title: "\(config.title): \($0.name)", articleIndices: $0.articleIndices)
            }
        }
        self.folders = folders
        indexByPath = Dictionary(folders.enumerated().map { ($1.path, $0) }) { first, _ in first }
    }

    /// The site feed's folder.
    public var siteFeed: Folder { folders[0] }

    /// The feed folder at a site path, when the plan has one there.
    public func folder(at path: String) -> Folder? {
        indexByPath[path].map { folders[$0] }
    }
}
