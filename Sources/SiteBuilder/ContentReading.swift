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
    /// The stamps of the files of `content/` already looked at, by path there; the others are
    /// looked at.
    var stamps: [String: FileStamp] = [:]

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
    ///
    /// A file whose words need ICU's rules for Chinese characters before they are built waits
    /// for a second pass, so that its thread reads other files while the rules are built on a
    /// thread of their own (`Slug.isReady(toSlugWordsOf:)`).
    ///
    /// git is asked for dates only once every file is read, and only of the articles that have
    /// no date of their own (nor had when they were last read), which are then read again with
    /// the dates it gave, when those differ from the ones they were read with.
    func articles(_ paths: [String], warnings: inout [Diagnostic]) async throws(BuildFailure) -> Articles {
        let settings = cache == nil ? nil : ContentDigest(of: [config.permalinks, config.timezone as Any])
        let contentRoot = contentFolder.path + "/"
        let pass = Pass(
            reader: ArticleReader(commitDates: [:], config: config), contentRoot: contentRoot, settings: settings)
        let firstPass = await parallelMap(paths) { readArticle($0, in: pass, waiting: false) }
        let setAside = paths.indices.filter { firstPass[$0] == nil }
        let secondPass = await parallelMap(setAside.map { paths[$0] }) { readArticle($0, in: pass, waiting: true) }
        var results = firstPass
        for (index, result) in zip(setAside, secondPass) { results[index] = result }
        // Each undated article with the commit date it was read with.
        let undated = paths.indices.compactMap { index -> (index: Int, date: Timestamp?)? in
            guard case (.success(let read), _)? = results[index], read.commitDate.asked else { return nil }
            return (index, read.commitDate.date)
        }
        let dates = CommitDates.read(contentFolder: contentFolder, paths: undated.map { paths[$0.index] })
        let reader = ArticleReader(commitDates: dates, config: config)
        let dated = Pass(reader: reader, contentRoot: contentRoot, settings: settings)
        let again = undated.filter { $0.date != dates[paths[$0.index]] }.map(\.index)
        let readAgain = await parallelMap(again.map { paths[$0] }) {
            readArticle($0, in: dated, waiting: true, anew: true)
        }
        for (index, result) in zip(again, readAgain) { results[index] = result }
        var read = Articles(reader: reader)
        read.articles.reserveCapacity(paths.count)
        read.keys.reserveCapacity(paths.count)
        read.withoutBody.reserveCapacity(paths.count)
        var errors: [Diagnostic] = []
        for case (let result, let key)? in results {
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

    /// What reading each article needs.
    private struct Pass: Sendable {
        let reader: ArticleReader
        /// The content folder's path, ending in `/`.
        let contentRoot: String
        /// With a cache, everything the reader looks at beyond the file: permalink patterns
        /// and the time zone.
        let settings: ContentDigest?
    }

    /// One article, and with a cache, the digest of everything it was read from; `nil`, when
    /// not `waiting`, for a file not read from the cache whose words are not ready to slug.
    /// - Parameter anew: Whether to read the file even when the cache holds it (its commit
    ///   date changed, which the key does not name).
    private func readArticle(_ path: String, in pass: Pass, waiting: Bool, anew: Bool = false) -> (
        Result<ReadArticle, BuildFailure>, ContentDigest?
    )? {
        let contentFolder = self.contentFolder
        let read = { (mayWait: Bool) -> Result<ReadArticle, BuildFailure>? in
            do throws(BuildFailure) {
                let file = try ContentScanner.read(path, contentFolder: contentFolder)
                guard mayWait || Slug.isReady(toSlugWordsOf: file.text) else { return nil }
                let (article, warnings, usesCommitDate) = try pass.reader.readNotingCommitDate(file)
                return .success(
                    ReadArticle(
                        article: article, warnings: warnings,
                        commitDate: (usesCommitDate, usesCommitDate ? pass.reader.commitDates[path] : nil)))
            } catch {
                return .failure(error)
            }
        }
        // The file as the file system describes it (a file is read only when that changed)
        // and the settings the reader applies. The commit date an undated article falls back
        // to is kept with it (`ReadArticle.commitDate`).
        guard let cache, let settings = pass.settings,
            let stamp = stamps[path] ?? FileReading.stamp(atPath: pass.contentRoot + path)
        else {
            return read(waiting).map { ($0, nil) }
        }
        let key = SiteDigests.combining(path, stamp, settings)
        let id = "\(SiteLayout.content)/\(path)"
        let value: Result<ReadArticle, BuildFailure>
        if !anew, let remembered = cache.read.use(id, key: key) {
            value = remembered
        } else {
            guard let result = read(waiting) else { return nil }
            value = cache.read.remember(
                result, for: id, key: key, keeping: { cache.keepsSources ? $0 : $0.map { $0.droppingBody() } })
        }
        // What comes after depends on the commit date too, when the article took one.
        guard let commitDate = try? value.get().commitDate, commitDate.asked else { return (value, key) }
        return (value, SiteDigests.combining(key, commitDate.date))
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
