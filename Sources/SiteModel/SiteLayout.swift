/// The folders and files a site is made of, by name; every stage that reads a site, or must
/// keep clear of one, asks here.
public enum SiteLayout {
    /// The articles, and files published beside them.
    public static let content = "content"
    /// The folder of `content/` whose files are standalone pages (`content/pages/about.md` →
    /// `/about/`), not dated articles.
    public static let pagesFolder = "pages"
    /// The theme's templates and assets, replacing the built-in ones of the same name.
    public static let templates = "templates"
    /// Files published as they are.
    public static let staticFiles = "static"
    /// The configuration file's names, in order of preference.
    public static let configFiles = ["site.yml", "site.yaml"]
    /// Every folder a build reads.
    public static let inputFolders = [content, templates, staticFiles]
}
