import Syndication

/// Turns a source file into an `Article`: front matter, title, date, slug and section.
struct ArticleReader: Sendable {
    /// Most tags one article may have.
    static let maximumTags = 100

    /// Dates of each file's last commit, by path relative to `content/`, when the site is a
    /// git checkout.
    let commitDates: [String: Timestamp]

    /// The front matter keys an article understands.
    private static let knownKeys: Set<String> = [
        "title", "date", "updated", "lastmod", "tags", "draft", "summary", "description", "slug", "author", "id",
        "image", "expires", "expiryDate", "toc",
    ]

    /// Reads one article; warnings (such as a date taken from the file's modification time)
    /// are returned alongside.
    func read(_ file: SourceFile) throws(BuildFailure) -> (Article, [Diagnostic]) {
        var warnings: [Diagnostic] = []
        let (text, removed) = XMLText.removingForbiddenCharacters(file.text)
        if removed > 0 {
            let line = file.text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { !$0.unicodeScalars.allSatisfy(XMLText.isAllowed) }.map { $0 + 1 } ?? 0
            warnings.append(.warning(file.path, line: line, "\(removed) control character\(removed == 1 ? "" : "s") that HTML and XML forbid \(removed == 1 ? "was" : "were") dropped"))
        }
        let split = try FrontMatter.split(text, file: file.path)
        let mapping = try split.yaml.flatMap { (yaml: String) throws(BuildFailure) -> YAMLMapping? in
            try YAMLMapping.parse(yaml, file: file.path, lineOffset: 1)
        }
        for key in mapping?.keys ?? [] where !Self.knownKeys.contains(key) {
            warnings.append(.warning(file.path, line: mapping?.line(of: key) ?? 1, "unknown front matter key '\(key)' is ignored"))
        }
        let format: Article.Format = file.fileExtension == "txt" ? .plainText : .markdown
        let (datePrefix, nameWithoutDate) = Slug.splitDatePrefix(file.baseName)

        var body = split.body
        var bodyLine = split.bodyLine
        let title: String
        if let given = try mapping?.string("title"), !given.trimmingWhitespace().isEmpty {
            title = given.trimmingWhitespace()
        } else if format == .plainText {
            let reading = PlainTextArticle.read(body)
            title = reading.titleLine ?? (reading.derivedTitle.isEmpty ? Self.humanize(nameWithoutDate) : reading.derivedTitle)
        } else if let (heading, rest, skipped) = Self.leadingHeading(body) {
            title = heading
            body = rest
            bodyLine += skipped
        } else {
            title = Self.humanize(nameWithoutDate)
        }

        let (date, dateWarning) = try resolveDate(file, mapping: mapping, datePrefix: datePrefix)
        if let dateWarning { warnings.append(dateWarning) }
        let updatedKey = mapping?.key("updated", "lastmod") ?? "updated"
        var updated = try timestamp(mapping, key: updatedKey)
        if let changed = updated, changed < date {
            warnings.append(.warning(file.path, line: mapping?.line(of: updatedKey) ?? 1, "'\(updatedKey)' is earlier than 'date'; using 'date'"))
            updated = nil
        }

        let tags = try readTags(mapping)
        let slug = try readSlug(mapping, fallback: nameWithoutDate, file: file)
        let customID = try mapping?.string("id")
        if let customID, !URI.isAbsolute(customID) {
            throw mapping!.error("id", "'id' must be an absolute URI such as tag:example.org,2024-03-01:hello or urn:uuid:…")
        }

        let article = Article(
            sourcePath: file.path,
            contentPath: file.contentPath,
            format: format,
            title: title,
            date: date,
            updated: updated,
            tags: tags,
            draft: try mapping?.bool("draft") ?? false,
            summary: try mapping?.string(mapping?.key("summary", "description") ?? "summary"),
            slug: slug,
            section: file.folders.map(Slug.make).filter { !$0.isEmpty }.joined(separator: "/"),
            author: try mapping?.person("author"),
            customID: customID,
            image: try mapping?.string("image"),
            expires: try timestamp(mapping, key: mapping?.key("expires", "expiryDate") ?? "expires"),
            tableOfContents: try mapping?.bool("toc") ?? false,
            body: body,
            bodyLine: bodyLine
        )
        return (article, warnings)
    }

    /// Front matter date, else the file name's date, else the last commit, else the file's
    /// modification time (with a warning).
    private func resolveDate(_ file: SourceFile, mapping: YAMLMapping?, datePrefix: String?) throws(BuildFailure) -> (Timestamp, Diagnostic?) {
        if let date = try timestamp(mapping, key: "date") { return (date, nil) }
        if let datePrefix, let date = Timestamp.parse(datePrefix) { return (date, nil) }
        if let date = commitDates[file.contentPath] { return (date, nil) }
        return (file.modified, .warning(file.path, "no date in the front matter, the file name or git; using the file's modification time \(file.modified.rfc3339)"))
    }

    private func timestamp(_ mapping: YAMLMapping?, key: String) throws(BuildFailure) -> Timestamp? {
        guard let mapping, let text = try mapping.string(key) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw mapping.error(key, "'\(key)' is not a date: '\(text)'; write 2024-03-01, 2024-03-01 09:30 or 2024-03-01T09:30:00+01:00")
        }
        return date
    }

    private func readTags(_ mapping: YAMLMapping?) throws(BuildFailure) -> [String] {
        guard let mapping, let raw = try mapping.strings("tags") else { return [] }
        guard raw.count <= Self.maximumTags else {
            throw mapping.error("tags", "\(raw.count) tags on one article; at most \(Self.maximumTags) are allowed")
        }
        var seen: Set<String> = []
        var tags: [String] = []
        for tag in raw.map({ $0.trimmingWhitespace() }) where !tag.isEmpty {
            let slug = Slug.make(tag)
            guard !slug.isEmpty else { throw mapping.error("tags", "the tag '\(tag)' has no letters or digits to make a URL from") }
            if seen.insert(slug).inserted { tags.append(tag) }
        }
        return tags
    }

    private func readSlug(_ mapping: YAMLMapping?, fallback: String, file: SourceFile) throws(BuildFailure) -> String {
        if let mapping, let given = try mapping.string("slug") {
            guard !given.contains("/"), !given.contains("\\"), !given.contains("..") else {
                throw mapping.error("slug", "'slug' must be a single URL segment; it may not contain '/', '\\' or '..'")
            }
            let slug = Slug.make(given)
            guard !slug.isEmpty else { throw mapping.error("slug", "'slug' has no letters or digits") }
            return slug
        }
        let slug = Slug.make(fallback)
        guard !slug.isEmpty else {
            throw BuildFailure(.error(file.path, "cannot make a URL from the file name; rename the file or set 'slug' in the front matter"))
        }
        return slug
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

    /// `my-first_post` → `My first post`.
    static func humanize(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).joined(separator: " ")
        guard let first = words.first else { return "Untitled" }
        return first.uppercased() + words.dropFirst()
    }
}
