import GazetteCore
import SiteModel
import Syndication

/// Lists a site's pages for search engines.
enum SitemapBuilder {
    /// The sitemap of every HTML page but the 404 page; articles carry their last change,
    /// other pages the newest article's. With a cache, the sitemap of the build before is
    /// reused while the pages, their sources' last changes and the configuration (digest
    /// `configDigest`) are as they were.
    /// - Returns: `sitemap.xml`; for a site with more pages than one sitemap may list, a
    ///   sitemap index there and the sitemaps it lists under `sitemaps/`.
    static func files(
        for site: Site, pages: [OutputFile], cache: BuildCache? = nil, configDigest: ContentDigest? = nil
    ) -> [OutputFile] {
        files(for: site, pages: pages, cache: cache, configDigest: configDigest, published: nil, recording: false)
            .files
    }

    /// `files(for:pages:cache:configDigest:)`, reusing the sitemap the output folder holds
    /// (`published`) while its key is the same.
    /// - Parameter recording: Whether the build publishes: then a single `sitemap.xml` comes
    ///   with the record the next build reuses it by (a sitemap index and its sitemaps are
    ///   made again).
    static func files(
        for site: Site, pages: [OutputFile], cache: BuildCache?, configDigest: ContentDigest?,
        published: PublishedPages?, recording: Bool
    ) -> (files: [OutputFile], record: PublishedPages.Record?) {
        guard let cache, let configDigest else { return (made(for: site, pages: pages), nil) }
        var hasher = ContentHasher()
        hasher.combine(configDigest)
        for page in pages where page.kind == .html {
            hasher.combine(page.path)
            hasher.combine(page.source ?? "")
        }
        for rendered in site.articles + site.pages {
            hasher.combine(rendered.article.sourcePath)
            rendered.article.lastModified.combine(into: &hasher)
        }
        let key = hasher.finalize()
        let path = SitePaths.outputFile(for: SitePaths.sitemap)
        if let (file, record) = published?.page(at: path, key: key, kind: .sitemap) { return ([file], record) }
        let files = cache.sitemaps.value(for: SitePaths.sitemap, key: key) { made(for: site, pages: pages) }
        guard recording, files.count == 1, case .bytes(let bytes) = files[0].contents else {
            return (files, nil)
        }
        return (
            files, PublishedPages.Record(path: path, key: key, digest: cache.pageDigests.digest(of: bytes, at: path))
        )
    }

    private static func made(for site: Site, pages: [OutputFile]) -> [OutputFile] {
        let config = site.config
        let lastModifiedBySource = Dictionary(
            (site.articles + site.pages).map { ($0.article.sourcePath, $0.article.lastModified) }
        ) {
            first, _ in first
        }
        let newest = site.articles.map(\.article.lastModified).max()
        // Sorted by path alone: sorting the files themselves moved every file's fields about.
        let entries =
            pages
            .filter { $0.kind == .html && $0.path != "404.html" }
            .map { (path: $0.path, source: $0.source) }
            .sorted { $0.path < $1.path }
            .map { page in
                Sitemap.Page(
                    url: config.paths.absoluteURL(SitePaths.sitePath(ofFile: page.path)),
                    lastModified: page.source.flatMap { lastModifiedBySource[$0] } ?? newest
                )
            }
        let sitemapFile = SitePaths.outputFile(for: SitePaths.sitemap)
        guard entries.count > Sitemap.maximumPages else {
            return [OutputFile(path: sitemapFile, kind: .sitemap, text: Sitemap(pages: entries).xml())]
        }
        var files: [OutputFile] = []
        var listed: [Sitemap.Page] = []
        for (number, start) in stride(from: 0, to: entries.count, by: Sitemap.maximumPages).enumerated() {
            let chunk = Array(entries[start..<min(entries.count, start + Sitemap.maximumPages)])
            let path = "sitemaps/sitemap-\(number + 1).xml"
            files.append(OutputFile(path: path, kind: .sitemap, text: Sitemap(pages: chunk).xml()))
            listed.append(
                Sitemap.Page(
                    url: config.paths.absoluteURL("/" + path), lastModified: chunk.compactMap(\.lastModified).max()))
        }
        files.append(OutputFile(path: sitemapFile, kind: .sitemap, text: SitemapIndex(sitemaps: listed).xml()))
        return files
    }
}
