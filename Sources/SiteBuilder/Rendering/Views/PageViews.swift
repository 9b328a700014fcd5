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

/// `article.*`, and each article of a list: the rendered article and what its fields are
/// written with. A field is written when a template looks it up (`child(named:)`): a rebuild
/// makes every article's view, as the keys of the lists that show it name some of their
/// fields, but renders few pages. A view is copied into every page and list that shows its
/// article, and a copy is two reference counts.
struct ArticleView: TemplateView {
    /// What every view of a build writes its fields with.
    final class Writer: Sendable {
        let paths: SitePaths
        /// The build's moment (`ViewBuilder.now`).
        let now: Timestamp?

        init(paths: SitePaths, now: Timestamp?) {
            self.paths = paths
            self.now = now
        }

        /// The absolute URL of an image referenced from the page at `sitePath`.
        func imageURL(_ reference: String, on sitePath: String) -> String {
            URI.resolve(reference, against: paths.absoluteURL(sitePath))
        }
    }

    /// The article shown.
    let rendered: RenderedArticle
    private let writer: Writer
    /// The older neighbour, on an article's own page.
    var previous: LinkView?
    /// The newer neighbour, on an article's own page.
    var next: LinkView?
    /// Articles related to it, on an article's own page.
    var related: [LinkView]?

    init(_ rendered: RenderedArticle, writer: Writer) {
        self.rendered = rendered
        self.writer = writer
    }

    /// The article's URL (`/posts/a/`).
    var url: String { writer.paths.url(rendered.article.path) }

    /// The names `child(named:)` answers with a text, number or flag, which a section does not
    /// look names up in.
    static let scalarNames: Set<String> = Set(fields.filter { $0.value.isScalar }.keys)

    /// Every name `child(named:)` answers.
    static let names: Set<String> = Set(fields.keys)

    func child(named name: String) -> Any? {
        Self.fields[name].flatMap { $0.write(self) }
    }

    /// What the fields are written from besides the configuration, which a key that names
    /// fields digests in their place (`keyParts(named:)`): cheaper than writing them, and each
    /// once however many fields it writes.
    enum Input: Comparable, Sendable {
        case title, path, date, updated, wordCount, tags, authors, image
    }

    /// How a key digests fields of every article: what they are written from, each once, and
    /// those fields written from more (the HTML, the excerpt) as written.
    struct KeyParts: Sendable {
        fileprivate let inputs: [Input]
        fileprivate let written: [String]
    }

    /// How a key digests the fields `names`, in their order.
    static func keyParts(named names: [String]) -> KeyParts {
        var inputs = Set<Input>()
        var written: [String] = []
        for name in names {
            guard let field = fields[name] else { continue }
            if let from = field.inputs { inputs.formUnion(from) } else { written.append(name) }
        }
        return KeyParts(inputs: inputs.sorted(), written: written)
    }

    /// Adds this article's part of a key (`keyParts(named:)`) to `hasher`.
    func combine(_ parts: KeyParts, into hasher: inout ContentHasher) {
        let article = rendered.article
        for input in parts.inputs {
            switch input {
            case .title: hasher.combine(article.title)
            case .path: hasher.combine(article.path)
            case .date: Self.combine(article.date, into: &hasher)
            case .updated:
                hasher.combine(article.updated == nil ? 0 : 1)
                if let updated = article.updated { Self.combine(updated, into: &hasher) }
            case .wordCount: hasher.combine(rendered.wordCount)
            case .tags: article.tags.combine(into: &hasher)
            case .authors: article.authors.map(\.name).combine(into: &hasher)
            case .image: rendered.image.combine(into: &hasher)
            }
        }
        for name in parts.written { hasher.combine(child(named: name) as Any) }
    }

    /// A moment, as three numbers: a key digests every article's.
    private static func combine(_ date: Timestamp, into hasher: inout ContentHasher) {
        hasher.combine(Int(date.secondsSinceEpoch))
        hasher.combine(date.fraction)
        hasher.combine(date.utcOffsetSeconds)
    }

    /// How a field is written, and what from.
    private struct Field: Sendable {
        let write: @Sendable (ArticleView) -> Any?
        /// Everything the field is written from besides the configuration, when that is
        /// known; else keys digest it as written.
        let inputs: [Input]?
        /// Whether the field is a text, number or flag (`scalarNames`).
        let isScalar: Bool

        init(
            _ write: @escaping @Sendable (ArticleView) -> Any?, from inputs: [Input]? = nil, isScalar: Bool = true
        ) {
            self.write = write
            self.inputs = inputs
            self.isScalar = isScalar
        }
    }

    /// Every field, by name.
    private static let fields: [String: Field] = [
        "title": Field({ $0.rendered.article.title }, from: [.title]),
        "url": Field({ $0.url }, from: [.path]),
        "absoluteURL": Field({ $0.writer.paths.absoluteURL($0.rendered.article.path) }, from: [.path]),
        "dateISO": Field({ $0.rendered.article.date.rfc3339 }, from: [.date]),
        "dateDisplay": Field({ ViewBuilder.displayDate($0.rendered.article.date) }, from: [.date]),
        "dateShort": Field({ ViewBuilder.shortDate($0.rendered.article.date) }, from: [.date]),
        "readingMinutes": Field({ $0.rendered.readingMinutes }, from: [.wordCount]),
        "wordCount": Field({ $0.rendered.wordCount }, from: [.wordCount]),
        "html": Field({ $0.rendered.deferredHTML.text }),
        "excerpt": Field({ $0.rendered.summary.shortened(to: 300) }),
        "hasTags": Field({ !$0.rendered.article.tags.isEmpty }, from: [.tags]),
        "tags": Field(
            { view in
                view.rendered.article.tags.map {
                    TagLinkView(name: $0, url: view.writer.paths.url(SitePaths.tag(slug: Slug.make($0))))
                }
            }, from: [.tags], isScalar: false),
        "author": Field(
            { $0.rendered.article.authors.first.map { AuthorView(name: $0.name) } }, from: [.authors], isScalar: false),
        "authors": Field(
            { $0.rendered.article.authors.map { AuthorView(name: $0.name) } }, from: [.authors], isScalar: false),
        "params": Field({ MetadataValue.table($0.rendered.article.params).templateValue }, isScalar: false),
        "status": Field({ ViewBuilder.status(of: $0.rendered.article, now: $0.writer.now) }),
        "updatedISO": Field({ $0.rendered.article.updated?.rfc3339 }, from: [.updated]),
        // The day the article was updated, when that is not the day it was published.
        "updatedDisplay": Field(
            { view in
                let article = view.rendered.article
                return article.updated.map(ViewBuilder.displayDate).flatMap {
                    $0 == ViewBuilder.displayDate(article.date) ? nil : $0
                }
            }, from: [.updated, .date]),
        "image": Field(
            { view in view.rendered.image.map { view.writer.imageURL($0, on: view.rendered.article.path) } },
            from: [.image, .path]),
        "hasToc": Field({ $0.hasToc }),
        "toc": Field(
            { view in
                view.hasToc
                    ? view.rendered.headings.map { TableOfContentsEntryView(id: $0.id, text: $0.text, level: $0.level) }
                    : nil
            }, isScalar: false),
        "previous": Field({ $0.previous }, isScalar: false),
        "next": Field({ $0.next }, isScalar: false),
        "hasRelated": Field({ !($0.related ?? []).isEmpty }),
        "related": Field({ view in view.related.flatMap { $0.isEmpty ? nil : $0 } }, isScalar: false),
    ]

    private var hasToc: Bool { rendered.article.tableOfContents && !rendered.headings.isEmpty }
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
