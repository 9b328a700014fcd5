import GazetteCore
import Mustache
import SiteModel

/// A value templates see. Its properties are named as templates name them, and it answers
/// `child(named:)` from those properties, so lookups need no reflection. A property that is
/// `nil` is absent, as Mustache expects.
///
/// Shown whole (`{{article}}`, `{{.}}` in a list of articles), a view is its type's name, not a
/// dump of its fields: a page shows only values its templates name (`TemplateNames`), which is
/// what its cache key may rest on.
protocol TemplateView: MustacheParent, Sendable, CustomStringConvertible {}

extension TemplateView {
    var description: String { String(describing: Self.self) }
}

/// A view the template engine reaches by reference. The engine holds every value it looks up
/// as `Any`, and a struct of many fields held that way is copied, each field retained, at every
/// cast and lookup: `{{article.title}}` copied the whole article view, and every lookup copied
/// the page's whole context. A reference is only retained; at 10,000 articles this saved about
/// a third of the time spent rendering pages.
///
/// The reference is a struct holding a class, not a class: the engine casts every value it
/// looks up to several protocols and types, and casting a class instance costs the Swift
/// runtime twice as long and more (it looks for bridging and superclasses first).
struct ViewReference: TemplateView {
    private final class Box: Sendable {
        let view: any TemplateView

        init(_ view: any TemplateView) { self.view = view }
    }

    private let box: Box

    init(_ view: any TemplateView) {
        box = Box(view)
    }

    func child(named name: String) -> Any? {
        box.view.child(named: name)
    }
}

/// What every page template is rendered with: `site.*`, `page.*`, and the page kind's own part.
struct PageContext: TemplateView {
    var site: SiteView
    var page: PageView
    var article: ArticleView?
    var list: ListView?
    var tags: TagIndexView?
    var archive: ArchiveView?
    var subscribe: SubscribeView?

    /// The parts by the names templates give them.
    private var parts: KeyValuePairs<String, (any TemplateView)?> {
        [
            "site": site, "page": page, "article": article, "list": list, "tags": tags, "archive": archive,
            "subscribe": subscribe,
        ]
    }

    func child(named name: String) -> Any? {
        parts.first { $0.key == name }?.value
    }

    /// The context as templates are rendered with it: each of its parts held by reference,
    /// made once per page.
    func referenced() -> ViewReference {
        let references = parts.compactMap { name, part in part.map { (name, ViewReference($0)) } }
        return ViewReference(ReferencedParts(parts: Dictionary(uniqueKeysWithValues: references)))
    }
}

/// A page context's parts, each by reference.
private struct ReferencedParts: TemplateView {
    let parts: [String: ViewReference]

    func child(named name: String) -> Any? {
        parts[name]
    }
}

/// `site.*`: the same on every page.
struct SiteView: TemplateView {
    var title: String
    var description: String?
    var language: String
    /// The base URL's path, which site-relative links start with.
    var root: String
    var baseURL: String
    var feedURL: String
    var feedPath: String
    var feeds: [FeedLinkView]
    /// The nav's entries (`SiteMenu`).
    var menu: [LinkView] = []

    /// The names `child(named:)` answers with a text (or nothing).
    static let textNames = ["title", "description", "language", "root", "baseURL", "feedURL", "feedPath"]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "language": language
        case "root": root
        case "baseURL": baseURL
        case "feedURL": feedURL
        case "feedPath": feedPath
        case "feeds": feeds
        case "menu": menu
        default: nil
        }
    }
}

/// `page.*`: what a page's head says about it.
struct PageView: TemplateView {
    /// The title for `<title>`: the page's, then the site's.
    var title: String
    /// The page's own title.
    var heading: String
    var description: String
    /// The page's absolute URL; `nil` when the site has no `base_url`, so no page claims an
    /// address it will not have.
    var canonicalURL: String?
    var social: SocialView
    /// The page's own feeds (tags, sections), for autodiscovery.
    var feeds: [FeedLinkView]?

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "heading": heading
        case "description": description
        case "canonicalURL": canonicalURL
        case "social": social
        case "feeds": feeds
        case "hasFeeds": !(feeds ?? []).isEmpty
        default: nil
        }
    }
}

/// `page.social`: Open Graph and Twitter card values.
struct SocialView: TemplateView {
    var type: String
    var card: String
    var image: String?
    var publishedTime: String?
    var modifiedTime: String?
    var articleTags: [String]?

    func child(named name: String) -> Any? {
        switch name {
        case "type": type
        case "card": card
        case "image": image
        case "publishedTime": publishedTime
        case "modifiedTime": modifiedTime
        case "articleTags": articleTags
        default: nil
        }
    }
}

/// An autodiscovery link to one feed.
struct FeedLinkView: TemplateView {
    var mediaType: String
    var title: String
    var url: String
    /// The format's name: "Atom", "RSS", "JSON Feed".
    var format: String

    /// Every name `child(named:)` answers.
    static let names: Set<String> = ["mediaType", "title", "url", "format"]

    func child(named name: String) -> Any? {
        switch name {
        case "mediaType": mediaType
        case "title": title
        case "url": url
        case "format": format
        default: nil
        }
    }
}

/// `article.*`, and each article of a list. Its fields are held in one box: a view is copied
/// into every page and list that shows its article, and a copy is then one reference count
/// instead of one per field. Fields are read and set by name (`view.title`); setting one
/// copies the fields into a new box, so views stay values.
@dynamicMemberLookup
struct ArticleView: TemplateView {
    /// What a template can look up of an article.
    struct Fields: Sendable {
        var title: String
        var url: String
        var absoluteURL: String
        var dateISO: String
        var dateDisplay: String
        var dateShort: String
        var readingMinutes: Int
        var wordCount: Int
        var html: DeferredText
        /// Cut from the summary when a template first reads it: a rebuild makes every
        /// article's view but renders few of the lists that show excerpts.
        var excerpt: FirstUse<String>
        var hasTags: Bool
        var tags: [TagLinkView]
        var author: AuthorView?
        /// Every author, for themes that list them all.
        var authors: [AuthorView]
        /// `extra`, `params` and other front matter keys, as written.
        var params: [MetadataEntry]
        /// "Draft" or "Scheduled" for an article readers of the published site do not see yet.
        var status: String?
        var updatedISO: String?
        /// The day the article was updated, when that is not the day it was published.
        var updatedDisplay: String?
        var image: String?
        var hasToc = false
        var toc: [TableOfContentsEntryView]?
        /// The older neighbour, on an article's own page.
        var previous: LinkView?
        /// The newer neighbour, on an article's own page.
        var next: LinkView?
        var hasRelated = false
        var related: [LinkView]?
    }

    private final class Box: Sendable {
        let fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// A view of `fields`.
    init(_ fields: Fields) {
        box = Box(fields)
    }

    /// Every field, as `child(named:)` answers them.
    var fields: Fields { box.fields }

    /// One field, read or set by name (`view.previous = …`).
    subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            var fields = box.fields
            fields[keyPath: field] = newValue
            box = Box(fields)
        }
    }

    /// The names `child(named:)` answers with a text, number or flag, which a section does not
    /// look names up in.
    static let scalarNames: Set<String> = [
        "title", "url", "absoluteURL", "dateISO", "dateDisplay", "dateShort", "readingMinutes", "wordCount", "html",
        "excerpt", "hasTags", "status", "updatedISO", "updatedDisplay", "image", "hasToc", "hasRelated",
    ]

    /// Every name `child(named:)` answers.
    static let names: Set<String> = [
        "title", "url", "absoluteURL", "dateISO", "dateDisplay", "dateShort", "readingMinutes", "wordCount", "html",
        "excerpt", "hasTags", "tags", "author", "authors", "params", "status", "updatedISO", "updatedDisplay", "image",
        "hasToc", "toc", "previous", "next", "hasRelated", "related",
    ]

    func child(named name: String) -> Any? {
        switch name {
        case "title": box.fields.title
        case "url": box.fields.url
        case "absoluteURL": box.fields.absoluteURL
        case "dateISO": box.fields.dateISO
        case "dateDisplay": box.fields.dateDisplay
        case "dateShort": box.fields.dateShort
        case "readingMinutes": box.fields.readingMinutes
        case "wordCount": box.fields.wordCount
        case "html": box.fields.html.text
        case "excerpt": box.fields.excerpt.value
        case "hasTags": box.fields.hasTags
        case "tags": box.fields.tags
        case "author": box.fields.author
        case "authors": box.fields.authors
        case "params": MetadataValue.table(box.fields.params).templateValue
        case "status": box.fields.status
        case "updatedISO": box.fields.updatedISO
        case "updatedDisplay": box.fields.updatedDisplay
        case "image": box.fields.image
        case "hasToc": box.fields.hasToc
        case "toc": box.fields.toc
        case "previous": box.fields.previous
        case "next": box.fields.next
        case "hasRelated": box.fields.hasRelated
        case "related": box.fields.related
        default: nil
        }
    }
}

/// An article's author.
struct AuthorView: TemplateView {
    var name: String

    func child(named name: String) -> Any? {
        name == "name" ? self.name : nil
    }
}

/// A tag on an article.
struct TagLinkView: TemplateView {
    var name: String
    var url: String

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        default: nil
        }
    }
}

/// A link to another article.
struct LinkView: TemplateView {
    var title: String
    var url: String

    /// Every name `child(named:)` answers.
    static let names: Set<String> = ["title", "url"]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        default: nil
        }
    }
}

/// One line of an article's table of contents.
struct TableOfContentsEntryView: TemplateView {
    var id: String
    var text: String
    var level: Int

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "text": text
        case "level": level
        default: nil
        }
    }
}

/// `list.*`: one page of a list of articles.
struct ListView: TemplateView {
    var hasArticles: Bool
    var articles: [ArticleView]
    var heading: String?
    var pagination: PaginationView?
    /// The partials the theme renders once per article, which the articles then answer.
    var partials: RenderedPartials?

    func child(named name: String) -> Any? {
        switch name {
        case "hasArticles": hasArticles
        case "articles":
            articles.map { article in
                ViewReference(partials.map { ListedArticle(view: article, partials: $0) } ?? article)
            }
        case "heading": heading
        case "pagination": pagination
        default: nil
        }
    }
}

/// `list.pagination`: where a page sits in its list; present only for lists of several pages.
struct PaginationView: TemplateView {
    var current: Int
    var total: Int
    var newerURL: String?
    var olderURL: String?

    func child(named name: String) -> Any? {
        switch name {
        case "current": current
        case "total": total
        case "newerURL": newerURL
        case "olderURL": olderURL
        default: nil
        }
    }
}

/// `tags.*`: every tag.
struct TagIndexView: TemplateView {
    var hasTags: Bool
    var all: [TagCountView]

    func child(named name: String) -> Any? {
        switch name {
        case "hasTags": hasTags
        case "all": all
        default: nil
        }
    }
}

/// A tag with how many articles carry it.
struct TagCountView: TemplateView {
    var name: String
    var url: String
    var count: Int

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "count": count
        default: nil
        }
    }
}

/// `archive.*`: every article by year.
struct ArchiveView: TemplateView {
    var years: [YearView]

    func child(named name: String) -> Any? {
        name == "years" ? years : nil
    }
}

/// One year of the archive.
struct YearView: TemplateView {
    var year: Int
    var articles: [ArticleView]

    func child(named name: String) -> Any? {
        switch name {
        case "year": year
        case "articles": articles.map(ViewReference.init)
        default: nil
        }
    }
}

/// `subscribe.*`: the site's feeds, each with links that add it to common feed readers, and
/// the feeds of its sections and tags.
struct SubscribeView: TemplateView {
    var feeds: [SubscribeFeedView]
    var topics: [TopicFeedsView]

    func child(named name: String) -> Any? {
        switch name {
        case "feeds": feeds
        case "topics": topics
        case "hasTopics": !topics.isEmpty
        default: nil
        }
    }
}

/// One feed of the site on the subscribe page.
struct SubscribeFeedView: TemplateView {
    /// The format's name: "Atom", "RSS", "JSON Feed".
    var format: String
    var url: String
    /// Links that open the feed in a reader; empty when the site has no public address.
    var readers: [ReaderLinkView]

    func child(named name: String) -> Any? {
        switch name {
        case "format": format
        case "url": url
        case "readers": readers
        case "hasReaders": !readers.isEmpty
        default: nil
        }
    }
}

/// A link that adds a feed to a web feed reader.
struct ReaderLinkView: TemplateView {
    var name: String
    var url: String

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        default: nil
        }
    }
}

/// A section or tag with its own feeds, on the subscribe page.
struct TopicFeedsView: TemplateView {
    var title: String
    /// The section's or tag's page.
    var url: String
    var feeds: [FeedLinkView]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "feeds": feeds
        default: nil
        }
    }
}
