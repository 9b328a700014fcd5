package import GazetteCore
package import SiteModel

/// Turns a source file into an `Article`: front matter, title, date, slug, section and URL.
package struct ArticleReader: Sendable {
    /// Dates of each file's last commit, by path relative to `content/`, when the site is a
    /// git checkout.
    package let commitDates: [String: Timestamp]
    /// The site's configuration: permalink patterns and the time zone of dates.
    package let config: SiteConfig
    private let dates: DateReader

    /// A reader for a site.
    /// - Parameters:
    ///   - commitDates: Dates for files without a date of their own.
    ///   - config: The site's configuration, whose `timezone` names a known zone.
    package init(commitDates: [String: Timestamp], config: SiteConfig) {
        self.commitDates = commitDates
        self.config = config
        dates = DateReader(timezone: config.timezone) ?? DateReader(timezone: nil)!
    }

    /// Reads one article; warnings (such as a date taken from the file's modification time)
    /// are returned alongside.
    package func read(_ file: SourceFile) throws(BuildFailure) -> (Article, [Diagnostic]) {
        let (article, warnings, _) = try readNotingCommitDate(file)
        return (article, warnings)
    }

    /// Reads one article, and says whether its date is left to its file's last commit
    /// (`commitDates`): it has no date of its own.
    package func readNotingCommitDate(_ file: SourceFile) throws(BuildFailure) -> (
        Article, [Diagnostic], usesCommitDate: Bool
    ) {
        var warnings: [Diagnostic] = []
        let (text, removed) = XMLText.removingForbiddenCharacters(file.text)
        if removed > 0 {
            let line =
                file.text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { !$0.unicodeScalars.allSatisfy(XMLText.isAllowed) }.map { $0 + 1 } ?? 0
            warnings.append(
                .warning(
                    file.path, line: line,
                    "\(removed) control character\(removed == 1 ? "" : "s") that HTML and XML forbid \(removed == 1 ? "was" : "were") dropped"
                ))
        }
        let split = try FrontMatter.split(text, file: file.path)
        let values = try split.block?.parse(file: file.path)
        for line in values?.linesWithForbiddenCharacters() ?? [] {
            warnings.append(
                .warning(
                    file.path, line: line, "control characters that HTML and XML forbid were dropped from this value"))
        }
        let fields =
            try values.map { (values) throws(BuildFailure) in try ArticleFields(reading: values, dates: dates) }
            ?? ArticleFields()
        for (key, line, meant) in fields.likelyTypos {
            warnings.append(
                .warning(
                    file.path, line: line,
                    "unknown front matter key '\(key)' is handed to templates as it is; did you mean '\(meant)'?"))
        }
        let format: Article.Format =
            switch file.fileExtension {
            case "txt": .plainText
            case "html", "htm": .html
            default: .markdown
            }
        let place = Place(file)
        let (datePrefix, nameWithoutDate) = Slug.splitDatePrefix(place.name)

        var body = split.body
        var bodyLine = split.bodyLine
        let title: String
        if let given = fields.title {
            title = given
        } else if format == .plainText {
            let reading = PlainTextArticle.read(body)
            title =
                reading.titleLine
                ?? (reading.derivedTitle.isEmpty ? DisplayName.fromFileName(nameWithoutDate) : reading.derivedTitle)
        } else if format == .markdown, let (heading, rest, skipped) = Self.leadingHeading(body) {
            title = heading
            body = rest
            bodyLine += skipped
        } else {
            title = DisplayName.fromFileName(nameWithoutDate)
        }

        // A standalone page: in `content/pages/`, or asking for `layout: page`.
        let isPage = fields.layout == "page" || (fields.layout == nil && place.folders.first == SiteLayout.pagesFolder)
        let (date, dateWarning, usesCommitDate) = resolveDate(file, fields: fields, datePrefix: datePrefix)
        // A page has no date to show; the one it gets only orders pages and dates the sitemap.
        if let dateWarning, !isPage { warnings.append(dateWarning) }
        var updated = fields.updated
        if let changed = updated, date.isLater(than: changed) {
            warnings.append(
                .warning(
                    file.path, line: fields.updatedLine, "'\(fields.updatedKey)' is earlier than 'date'; using 'date'"))
            updated = nil
        }
        // A file named by an identifier (`000_c94a0dcd3f8bb934.txt`) is published under its
        // title's words instead.
        let nameForSlug = Slug.isOpaqueIdentifier(nameWithoutDate) ? title : nameWithoutDate
        guard
            let slug = fields.slug ?? Self.nonEmpty(Slug.make(nameForSlug)) ?? Self.nonEmpty(Slug.make(nameWithoutDate))
        else {
            throw BuildFailure(
                .error(
                    file.path,
                    "cannot make a URL from the file name; rename the file or set 'slug' in the front matter"))
        }
        let section = isPage ? "" : SitePaths.section(ofFolders: place.folders)
        let path =
            fields.path
            ?? (isPage ? nil : Self.pattern(for: place.folders.first, in: config)).map { pattern in
                SitePaths.permalink(
                    pattern,
                    SitePaths.PermalinkValues(
                        date: date.local, section: String(section.split(separator: "/").first ?? ""), slug: slug,
                        fileName: place.name, titleSlug: Slug.make(title)))
            }

        let article = Article(
            sourcePath: file.path,
            contentPath: file.contentPath,
            format: format,
            title: title,
            date: date,
            updated: updated,
            tags: fields.tags,
            draft: fields.draft,
            summary: fields.summary,
            slug: slug,
            section: section,
            authors: fields.authors,
            customID: fields.customID,
            image: fields.image,
            expires: fields.expires,
            tableOfContents: fields.tableOfContents,
            body: body,
            bodyLine: bodyLine,
            path: path,
            aliases: fields.aliases,
            params: fields.params,
            bundleFolder: place.bundleFolder,
            isPage: isPage
        )
        return (article, warnings, usesCommitDate)
    }

    /// Where an article sits: its folders and its name; a page bundle (`trip/index.md`) is
    /// named after its folder, which is then no section.
    private struct Place {
        let folders: [String]
        let name: String
        let bundleFolder: String?

        init(_ file: SourceFile) {
            if file.baseName == "index", let last = file.folders.last {
                folders = Array(file.folders.dropLast())
                name = last
                bundleFolder = file.folders.joined(separator: "/")
            } else {
                folders = file.folders
                name = file.baseName
                bundleFolder = nil
            }
        }
    }

    /// Front matter date, else the file name's date, else a `YYYY/MM/DD` at the start of the
    /// article's own path, else the last commit, else the file's modification time (with a
    /// warning); and whether the last commit was asked.
    private func resolveDate(_ file: SourceFile, fields: ArticleFields, datePrefix: String?) -> (
        Timestamp, Diagnostic?, usesCommitDate: Bool
    ) {
        if let given = fields.date { return (given, nil, false) }
        if let datePrefix, let date = dates.parse(datePrefix) { return (date, nil, false) }
        if let path = fields.path, let date = Self.pathDate(path).flatMap(dates.parse) { return (date, nil, false) }
        if let date = commitDates[file.contentPath] { return (date, nil, true) }
        return (
            file.modified,
            .warning(
                file.path,
                "no date in the front matter, the file name or git; using the file's modification time \(file.modified.rfc3339)"
            ),
            true
        )
    }

    /// The permalink pattern of a top folder, named as written (`_posts`) or as its slug (`posts`).
    private static func pattern(for folder: String?, in config: SiteConfig) -> String? {
        guard let folder else { return nil }
        return config.permalinks[folder] ?? config.permalinks[Slug.make(folder)]
    }

    /// `2019-05-04` for a path that starts `/2019/05/04/`.
    private static func pathDate(_ path: String) -> String? {
        let segments = path.split(separator: "/").prefix(3)
        guard segments.count == 3, segments[0].count == 4, segments.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
            return nil
        }
        return segments.joined(separator: "-")
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }

    /// A Markdown body that opens with `# Heading`: the heading's text, the rest, and how many
    /// lines were taken.
    private static func leadingHeading(_ body: String) -> (String, String, Int)? {
        guard let line = body.lines().first(where: { !$0.text.trimmingTrailingSpaces().isEmpty }),
            line.text.hasPrefix("# ")
        else { return nil }
        let heading = String(line.text.dropFirst(2)).trimmingWhitespace()
        guard !heading.isEmpty else { return nil }
        return (heading, line.next.map { String(body[$0...]) } ?? "", line.number)
    }
}
