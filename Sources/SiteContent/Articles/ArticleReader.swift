package import GazetteCore
package import SiteModel

/// Turns a source file into an `Article`: front matter, title, date, slug and section.
package struct ArticleReader: Sendable {
    /// Dates of each file's last commit, by path relative to `content/`, when the site is a
    /// git checkout.
    package let commitDates: [String: Timestamp]

    /// A reader that dates files without a date of their own by their last commit.
    package init(commitDates: [String: Timestamp]) {
        self.commitDates = commitDates
    }

    /// Reads one article; warnings (such as a date taken from the file's modification time)
    /// are returned alongside.
    package func read(_ file: SourceFile) throws(BuildFailure) -> (Article, [Diagnostic]) {
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
        let fields =
            try split.block?.parse(file: file.path).map { (values) throws(BuildFailure) in
                try ArticleFields(reading: values)
            } ?? ArticleFields()
        for (key, line) in fields.unknownKeys {
            warnings.append(.warning(file.path, line: line, "unknown front matter key '\(key)' is ignored"))
        }
        let format: Article.Format = file.fileExtension == "txt" ? .plainText : .markdown
        let (datePrefix, nameWithoutDate) = Slug.splitDatePrefix(file.baseName)

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
        } else if let (heading, rest, skipped) = Self.leadingHeading(body) {
            title = heading
            body = rest
            bodyLine += skipped
        } else {
            title = DisplayName.fromFileName(nameWithoutDate)
        }

        let (date, dateWarning) = resolveDate(file, given: fields.date, datePrefix: datePrefix)
        if let dateWarning { warnings.append(dateWarning) }
        var updated = fields.updated
        if let changed = updated, date.isLater(than: changed) {
            warnings.append(
                .warning(
                    file.path, line: fields.updatedLine, "'\(fields.updatedKey)' is earlier than 'date'; using 'date'"))
            updated = nil
        }
        guard let slug = fields.slug ?? Self.nonEmpty(Slug.make(nameWithoutDate)) else {
            throw BuildFailure(
                .error(
                    file.path, "cannot make a URL from the file name; rename the file or set 'slug' in the front matter"
                ))
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
            section: file.folders.map(Slug.make).filter { !$0.isEmpty }.joined(separator: "/"),
            author: fields.author,
            customID: fields.customID,
            image: fields.image,
            expires: fields.expires,
            tableOfContents: fields.tableOfContents,
            body: body,
            bodyLine: bodyLine
        )
        return (article, warnings)
    }

    /// Front matter date, else the file name's date, else the last commit, else the file's
    /// modification time (with a warning).
    private func resolveDate(_ file: SourceFile, given: Timestamp?, datePrefix: String?) -> (Timestamp, Diagnostic?) {
        if let given { return (given, nil) }
        if let datePrefix, let date = Timestamp.parse(datePrefix) { return (date, nil) }
        if let date = commitDates[file.contentPath] { return (date, nil) }
        return (
            file.modified,
            .warning(
                file.path,
                "no date in the front matter, the file name or git; using the file's modification time \(file.modified.rfc3339)"
            )
        )
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }

    /// A Markdown body that opens with `# Heading`: the heading's text, the rest, and how many
    /// lines were taken.
    private static func leadingHeading(_ body: String) -> (String, String, Int)? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { !$0.trimmingTrailingSpaces().isEmpty }),
            lines[index].hasPrefix("# ")
        else { return nil }
        let heading = String(lines[index].dropFirst(2)).trimmingWhitespace()
        guard !heading.isEmpty else { return nil }
        return (heading, lines[(index + 1)...].joined(separator: "\n"), index + 1)
    }
}
