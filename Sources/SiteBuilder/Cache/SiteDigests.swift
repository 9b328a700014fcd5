import GazetteCore
import SiteModel

/// The digests that later stages' cache keys are made from, worked out once per build and
/// only when there is a cache to key.
struct SiteDigests: Sendable {
    /// The configuration.
    let config: ContentDigest
    /// Every file of the theme.
    let theme: ContentDigest
    /// Each rendered article, by its index in `Site.articles`.
    let articles: [ContentDigest]

    /// - Parameters:
    ///   - site: The site.
    ///   - themeDigest: The theme's digest.
    ///   - renderKeys: The render stage's key of each article by source path; a rendered
    ///     article is a function of its key, so it stands for the article.
    ///   - now: The build's moment, which decides whether an article shows as scheduled.
    ///   - menu: The nav's entries, which every page shows (the default one follows the
    ///     sections and pages, not the configuration alone).
    init(
        site: Site, themeDigest: ContentDigest, renderKeys: [String: ContentDigest], now: Timestamp,
        menu: [[String]]
    ) {
        config = Self.combining(ContentDigest(of: site.config), menu)
        theme = themeDigest
        // On all cores: ten thousand lookups and digests.
        articles = concurrentMap(site.articles, chunk: 1024) { rendered in
            let key = renderKeys[rendered.article.sourcePath] ?? ContentDigest(of: rendered)
            guard let status = ViewBuilder.status(of: rendered.article, now: now) else { return key }
            return Self.combining(key, status)
        }
    }

    /// The digest of several inputs together (a pack, not a list of existentials: keys are
    /// made for every article and page, and a boxed digest is an allocation).
    static func combining<each Part: DigestPart>(_ parts: repeat each Part) -> ContentDigest {
        var hasher = ContentHasher()
        for part in repeat each parts { part.combine(into: &hasher) }
        return hasher.finalize()
    }
}
