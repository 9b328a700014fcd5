import SiteModel

/// Where files copied from `content/` are published: at their own path, except the files of a
/// page bundle (`posts/trip/index.md` with `posts/trip/photo.jpg`), which go beside the
/// bundle's page wherever its URL puts it, so the page's relative links keep working.
enum ContentAssets {
    /// The site path of each asset, by path relative to `content/`.
    static func sitePaths(of assets: [String], articles: [Article]) -> [String: String] {
        var folders: [String: String] = [:]
        for article in articles {
            guard let bundle = article.bundleFolder else { continue }
            // A page published as a file (`/2024/trip.html`) has its bundle's files beside it.
            let slash = article.path.lastIndex(of: "/") ?? article.path.startIndex
            folders[bundle + "/"] = String(article.path[...slash])
        }
        var paths: [String: String] = [:]
        for asset in assets {
            // The nearest folder above the asset that is a bundle's, looked up folder by folder:
            // going through every bundle for every asset took seconds on a site of bundles.
            var owner: (prefix: Substring, folder: String)?
            var end = asset.endIndex
            while owner == nil, let slash = asset[..<end].lastIndex(of: "/") {
                let prefix = asset[...slash]
                owner = folders[String(prefix)].map { (prefix, $0) }
                end = slash
            }
            paths[asset] = owner.map { $0.folder + asset.dropFirst($0.prefix.count) } ?? "/" + asset
        }
        return paths
    }
}
