import Foundation
import GazetteCore
import SiteContent
import SiteModel

/// The read stage: every article and section file of `content/`, read in parallel, each
/// file's errors collected before the build fails.
struct ContentReading: Sendable {
    let contentFolder: URL
    let config: SiteConfig
    /// Articles of earlier builds, reused when nothing the reader looks at changed.
    let cache: BuildCache?

    /// Articles read, and with a cache, the digest of everything each was read from.
    struct Articles: Sendable {
        var articles: [Article] = []
        /// Read-stage keys by source path: an article is a function of its key, so later
        /// stages key on it instead of digesting the article again.
        var keys: [String: ContentDigest] = [:]
        /// Source paths of articles restored from a cache file without their bodies.
        var withoutBody: Set<String> = []
        /// The reader the articles were read with, to read bodies again.
        var reader: ArticleReader?
    }

    /// Reads every article.
    func articles(_ paths: [String], warnings: inout [Diagnostic]) async throws(BuildFailure) -> Articles {
        let reader = ArticleReader(commitDates: CommitDates.read(contentFolder: contentFolder), config: config)
        let contentFolder = self.contentFolder
        let contentRoot = contentFolder.path + "/"
        let cache = self.cache
        // Everything the reader looks at beyond the file: permalink patterns and the time zone.
        let configDigest = cache == nil ? nil : ContentDigest(of: [config.permalinks, config.timezone as Any])
        let results = await parallelMap(paths) {
            path -> (Result<ReadArticle, BuildFailure>, ContentDigest?) in
            let read = {
                Result { () throws(BuildFailure) in
                    let (article, warnings) = try reader.read(
                        try ContentScanner.read(path, contentFolder: contentFolder))
                    return ReadArticle(article: article, warnings: warnings)
                }
            }
            // The file as the file system describes it (a file is read only when that changed),
            // the commit date the reader falls back to, and the settings it applies.
            guard let cache, let configDigest, let stamp = FileReading.stamp(atPath: contentRoot + path) else {
                return (read(), nil)
            }
            let key = SiteDigests.combining(
                path, stamp, reader.commitDates[path], configDigest)
            let value = cache.read.value(for: "\(SiteLayout.content)/\(path)", key: key, compute: read) {
                cache.keepsSources ? $0 : $0.map { $0.droppingBody() }
            }
            return (value, key)
        }
        var read = Articles(reader: reader)
        var errors: [Diagnostic] = []
        for (result, key) in results {
            switch result {
            case .success(let result):
                warnings += result.warnings
                read.articles.append(result.article)
                if let key { read.keys[result.article.sourcePath] = key }
                if !result.hasBody { read.withoutBody.insert(result.article.sourcePath) }
            case .failure(let failure):
                errors += failure.diagnostics
            }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        return read
    }

    /// The given articles read again from their files, bodies and all, in parallel: for those
    /// `articles(_:warnings:)` restored from a cache file without their bodies.
    func readingBodies(of articles: [Article], with reader: ArticleReader) async throws(BuildFailure) -> [Article] {
        let contentFolder = self.contentFolder
        let results = await parallelMap(articles) { article in
            Result { () throws(BuildFailure) in
                try reader.read(try ContentScanner.read(article.contentPath, contentFolder: contentFolder)).0
            }
        }
        return try results.map { (result: Result<Article, BuildFailure>) throws(BuildFailure) in try result.get() }
    }

    /// Reads every `_index.md`, by the section path it describes.
    func sections(_ paths: [String], warnings: inout [Diagnostic]) throws(BuildFailure) -> [String: SectionInfo] {
        var sections: [String: SectionInfo] = [:]
        for path in paths {
            let (section, info, sectionWarnings) = try SectionReader.read(
                try ContentScanner.read(path, contentFolder: contentFolder))
            sections[section] = info
            warnings += sectionWarnings
        }
        return sections
    }

    /// Two articles, or an article and another's old address, may not publish to one URL.
    static func checkUniquePaths(_ articles: [Article]) throws(BuildFailure) {
        var owners: [String: String] = [:]
        owners.reserveCapacity(articles.count)
        var errors: [Diagnostic] = []
        for article in articles {
            let sourcePath = article.sourcePath
            func claim(_ path: String, _ role: String) {
                guard let other = owners.updateValue(sourcePath, forKey: path) else { return }
                owners[path] = other
                errors.append(
                    .error(
                        sourcePath,
                        "\(role) \(path), as \(other) does; give one a different 'slug' or 'path', or set a pattern "
                            + "that tells them apart in site.yml, such as permalinks: {\(article.section.split(separator: "/").first ?? "posts"): /:year/:month/:day/:slug/}"
                    ))
            }
            claim(article.path, "publishes to")
            for alias in article.aliases { claim(alias, "redirects from") }
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
    }
}
