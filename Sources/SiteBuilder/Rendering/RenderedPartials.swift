import Mustache
import Synchronization

/// Partials a list shows for each of its articles, rendered once per article: an article
/// appears in several lists (the home pages, its tags' pages), and a partial that looks up
/// nothing but the article's own fields makes the same text in each.
///
/// A list template includes such a partial, inside its section over `list.articles`, as the
/// unescaped variable `name(of:)` (`TemplateInlining.renderingPartials`), which the list's
/// articles answer through `ListedArticle`.
final class RenderedPartials: Sendable {
    /// The partials, by their index in the variables' names.
    let partials: [String]
    private let library: MustacheLibrary
    private let rendered = Mutex<[String: String]>([:])

    /// - Parameters:
    ///   - partials: The partials' names.
    ///   - library: The templates they are rendered with.
    init(_ partials: [String], library: MustacheLibrary) {
        self.partials = partials
        self.library = library
    }

    /// What the variables' names start with; the partial's index follows.
    private static let prefix = "gazettePartial"

    /// The variable that stands for the partial at `index`.
    static func name(of index: Int) -> String {
        prefix + String(index)
    }

    /// The partial a variable stands for; `nil` for any other name.
    func partial(named name: String) -> String? {
        guard name.hasPrefix(Self.prefix), let index = Int(name.dropFirst(Self.prefix.count)),
            partials.indices.contains(index)
        else { return nil }
        return partials[index]
    }

    /// `partial` rendered for `article`, as the list's section would render it: the article on
    /// top of the stack, and nothing it does not answer looked up beneath it.
    func rendered(_ partial: String, for article: ArticleView) -> String {
        let key = partial + "\u{0}" + article.url
        if let known = rendered.withLock({ $0[key] }) { return known }
        let text = library.render(ViewReference(article), withTemplate: partial) ?? ""
        rendered.withLock { $0[key] = text }
        return text
    }
}

/// An article of a list, which answers the variables of `RenderedPartials` besides its own
/// fields.
struct ListedArticle: TemplateView {
    let view: ArticleView
    let partials: RenderedPartials

    func child(named name: String) -> Any? {
        if let partial = partials.partial(named: name) { return partials.rendered(partial, for: view) }
        return view.child(named: name)
    }
}
