/// The kinds of page a site has; each is rendered with one of the theme's templates, and the
/// templates a theme must have follow from them.
public enum PageKind: String, Sendable, Hashable, CaseIterable {
    /// An article's own page.
    case article
    /// A standalone page (About, Contact): undated, in no list.
    case page
    /// The home page and its older pages.
    case home
    /// A section's list of articles.
    case section
    /// A tag's list of articles.
    case tag
    /// Every article, by year.
    case archive
    /// Every tag.
    case tagIndex
    /// How to follow the site: its feeds, and links that add them to feed readers.
    case subscribe
    /// The page for addresses that do not exist.
    case notFound

    /// The layout every page template inherits from.
    public static let layoutTemplate = "base"

    /// The template that renders pages of this kind.
    public var template: String {
        switch self {
        case .article: "article"
        case .page: "page"
        case .home, .section, .tag: "list"
        case .archive: "archive"
        case .tagIndex: "tags"
        case .subscribe: "subscribe"
        case .notFound: "404"
        }
    }

    /// Every template a theme must have: the layout, then each kind's, once.
    public static var requiredTemplates: [String] {
        var names = [layoutTemplate]
        for kind in allCases where !names.contains(kind.template) { names.append(kind.template) }
        return names
    }
}
