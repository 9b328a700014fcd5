public import Foundation

/// What to build, from where, to where.
public struct BuildOptions: Sendable {
    /// The site folder, holding `site.yml`, `content/`, `templates/` and `static/`.
    public var siteFolder: URL
    /// The folder the site is written to; replaced whole when the build succeeds.
    public var outputFolder: URL
    /// Whether drafts are published.
    public var includeDrafts: Bool
    /// Whether every output file is validated before publishing.
    public var validate: Bool

    /// Creates options.
    /// - Parameters:
    ///   - siteFolder: The site folder.
    ///   - outputFolder: Where to write the site; `public/` inside the site folder by default.
    ///   - includeDrafts: Whether drafts are published.
    ///   - validate: Whether to validate before publishing.
    public init(siteFolder: URL, outputFolder: URL? = nil, includeDrafts: Bool = false, validate: Bool = true) {
        self.siteFolder = siteFolder.standardizedFileURL
        self.outputFolder = (outputFolder ?? siteFolder.appending(path: "public")).standardizedFileURL
        self.includeDrafts = includeDrafts
        self.validate = validate
    }
}

/// What a successful build did.
public struct BuildSummary: Sendable {
    /// Articles published.
    public let articles: Int
    /// HTML pages written.
    public let pages: Int
    /// Feeds written.
    public let feeds: Int
    /// All files written.
    public let files: Int
    /// Warnings met on the way.
    public let warnings: [Diagnostic]
}

/// Progress reports from a running build.
public enum BuildEvent: Sendable {
    /// A stage started.
    case stage(String)
    /// Part of a stage is done.
    case progress(done: Int, total: Int)
}
