public import Foundation
public import GazetteCore
import SiteModel

/// Creates new sites and new articles.
public enum Scaffold {
    /// Why scaffolding refused or failed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// Creates a site in `folder`: a commented `site.yml`, a first article, and with
    /// `withTemplates` a copy of the default theme ready to edit.
    /// - Parameters:
    ///   - folder: Where the site goes; it must be empty or missing unless `force`.
    ///   - withTemplates: Whether to copy the default theme into `templates/`.
    ///   - force: Whether to write into a folder that is not empty (existing files are kept).
    ///   - now: Today, for the first article's date.
    /// - Returns: The files written, relative to `folder`.
    @discardableResult
    public static func initialize(_ folder: URL, withTemplates: Bool, force: Bool, now: Timestamp) throws(Failure)
        -> [String]
    {
        let fileManager = FileManager.default
        let existing = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        guard existing.filter({ !$0.hasPrefix(".") }).isEmpty || force else {
            throw Failure(description: "\(folder.path) is not empty; use --force to add a site to it anyway")
        }
        var files: [String: String] = [
            "site.yml": siteConfiguration(
                title: DisplayName.fromFileName(folder.standardizedFileURL.lastPathComponent)),
            "content/posts/\(now.isoDate)-welcome.md": """
            ---
            title: Welcome to your new site
            date: \(now.rfc3339)
            tags: [welcome]
            ---

            This is the first article of the site. Edit it in `content/posts/`, or make a new
            one with `build-site new "A title"`.

            <!--more-->

            Everything below the `more` marker is left out of summaries. Run `build-site serve`
            to see the site as you write, and `build-site` to build it into `public/`.

            """,
            "static/.keep": "",
            // The output and the previous output build-site keeps beside it are made anew by
            // every build; neither belongs in version control.
            ".gitignore": "/public/\n/.public.*/\n",
        ]
        if withTemplates {
            for (path, text) in DefaultThemeFiles.files { files["templates/" + path] = text }
        }
        var written: [String] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appending(path: path)
            guard !fileManager.fileExists(atPath: url.path) else { continue }
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } catch {
                throw Failure(description: "cannot write \(url.path): \(error.localizedDescription)")
            }
            written.append(path)
        }
        return written
    }

    /// Creates a draft article at `content/<section>/<date>-<slug>.<format>`.
    /// - Parameters:
    ///   - title: The article's title.
    ///   - siteFolder: The site.
    ///   - section: The section folder (`posts`); nested sections are written `news/world`.
    ///   - format: `md` or `txt`.
    ///   - now: The article's date, with the local offset.
    /// - Returns: The new file's path relative to the site folder.
    public static func newArticle(title: String, in siteFolder: URL, section: String, format: String, now: Timestamp)
        throws(Failure) -> String
    {
        guard ["md", "txt"].contains(format) else { throw Failure(description: "--format must be md or txt") }
        let sectionParts = section.split(separator: "/").map(String.init)
        guard !sectionParts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw Failure(description: "the section must be a folder name inside content/, such as posts or news/world")
        }
        let slug = Slug.make(title)
        guard !slug.isEmpty else {
            throw Failure(description: "the title has no letters or digits to make a file name from")
        }
        let relative = (["content"] + sectionParts + ["\(now.isoDate)-\(slug).\(format)"]).joined(separator: "/")
        let url = siteFolder.appending(path: relative)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw Failure(description: "\(relative) already exists")
        }
        let quotedTitle = "\"" + title.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
        let text = "---\ntitle: \(quotedTitle)\ndate: \(now.rfc3339)\ndraft: true\n---\n\n"
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        } catch {
            throw Failure(description: "cannot write \(relative): \(error.localizedDescription)")
        }
        return relative
    }

    /// The current moment in the machine's own offset, for new articles' dates.
    public static func localNow() -> Timestamp {
        let now = Date()
        return Timestamp(
            secondsSinceEpoch: Int64(now.timeIntervalSince1970),
            utcOffsetSeconds: TimeZone.current.secondsFromGMT(for: now))
    }

    private static func siteConfiguration(title: String) -> String {
        """
        # Gazette site configuration. Every setting is optional.

        # The site's name, shown on every page and in its feeds.
        title: \(title)
        # One sentence about the site, for search results and feed readers.
        description: A new site built with Gazette.
        # Where the site will be published; feeds and the sitemap need absolute URLs.
        base_url: https://example.org/
        # The language of the site's text.
        language: en
        # The default author of articles and feeds.
        author:
          name: Your Name
          # email: you@example.org

        feed:
          # Which feeds to write: atom (feed.xml), rss (rss.xml), json (feed.json).
          formats: [atom, rss, json]
          # How many of the newest articles each feed carries.
          entries: 20
          # Whole articles (true) or only their summaries (false).
          full_content: true

        pagination:
          # Articles per list page.
          page_size: 10

        """
    }
}
