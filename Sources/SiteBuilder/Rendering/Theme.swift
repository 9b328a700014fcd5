import Foundation
import GazetteCore
import Mustache
import SiteContent
import SiteModel

/// The templates and assets pages are rendered with: the built-in default theme, with any
/// file of the site's `templates/` folder replacing the built-in file of the same name.
struct Theme: Sendable {
    /// The compiled templates.
    let library: MustacheLibrary
    /// Non-template files (the stylesheet), by path relative to `templates/`; published under the same path.
    let assets: [String: [UInt8]]
    /// A digest of every file the theme was made from, so caches can tell when it changed.
    let digest: ContentDigest
    /// Each template's text, by name (`archive`, `partials/summary`).
    let sources: [String: String]
    /// The partials a list renders once per article, when the theme has been specialized for
    /// a build (`inlining(_:)`).
    var renderedPartials: RenderedPartials?

    /// Loads the theme.
    /// - Parameters:
    ///   - siteTemplates: The site's `templates/` folder, which may not exist.
    ///   - siteFolder: The site folder, which template files must resolve inside.
    static func load(siteTemplates: URL, siteFolder: URL) throws(BuildFailure) -> Theme {
        var files = DefaultThemeFiles.files.mapValues { Array($0.utf8) }
        var origins: [String: String] = [:]
        for relative in try FolderWalker.files(
            in: siteTemplates, siteFolder: siteFolder, displayPrefix: SiteLayout.templates)
        {
            files[relative] = try FileReading.read(
                siteTemplates.appending(path: relative), named: "templates/\(relative)"
            ).bytes
            origins[relative] = "templates/\(relative)"
        }
        var library = MustacheLibrary()
        var assets: [String: [UInt8]] = [:]
        var errors: [Diagnostic] = []
        var sources: [String: String] = [:]
        for (relative, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard relative.hasSuffix(".mustache") else {
                assets[relative] = bytes
                continue
            }
            let origin = origins[relative] ?? "templates/\(relative) (built-in)"
            guard let text = String(validating: bytes, as: UTF8.self) else {
                errors.append(.error(origin, "the template is not valid UTF-8 text"))
                continue
            }
            let name = String(relative.dropLast(".mustache".count))
            sources[name] = text
            do {
                library.register(try MustacheTemplate(string: TemplateEscaping.pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                errors.append(
                    .error(
                        origin, line: error.context.lineNumber - 1, column: error.context.columnNumber,
                        "template error: \(error.error)"))
            } catch {
                errors.append(.error(origin, "template error: \(error)"))
            }
        }
        for loop in TemplateCycles.find(in: sources) {
            let origin = origins[loop[0] + ".mustache"] ?? "templates/\(loop[0]).mustache (built-in)"
            errors.append(
                .error(
                    origin,
                    "includes or inherits itself (\(loop.joined(separator: " → "))); a partial or layout may not lead back to itself"
                ))
        }
        for name in PageKind.requiredTemplates where library.getTemplate(named: name) == nil {
            errors.append(.error("templates/\(name).mustache", "the theme has no '\(name)' template"))
        }
        guard errors.isEmpty else { throw BuildFailure(errors) }
        return Theme(library: library, assets: assets, digest: ContentDigest(of: files), sources: sources)
    }

    /// This theme with the site's own values written into its templates (`TemplateInlining`):
    /// `site.title`, `site.root` and the site's other texts, which are the same on every page;
    /// and with the partials that lists show for each article, when they show the article
    /// alone, rendered once per article (`RenderedPartials`). The theme as it is when its
    /// templates show `params` or name partials at render time (a value could then answer
    /// `site` before the page does), or one fails to compile.
    func inlining(_ site: SiteView) -> Theme {
        let texts = SiteView.textNames.map { "site." + $0 }
        let values = Dictionary(
            uniqueKeysWithValues: SiteView.textNames.compactMap { name in
                (site.child(named: name) as? String).map { ("site." + name, $0) }
            })
        guard let names = TemplateNames.used(byAnyOf: sources.keys, in: sources), !names.contains("params") else {
            return self
        }
        // Sections over the site's values, with the names their elements answer.
        let sections = Dictionary(uniqueKeysWithValues: texts.map { ($0, Set<String>()) })
            .merging(["site.feeds": FeedLinkView.names, "site.menu": LinkView.names]) { $1 }
            .mapValues { $0.union(["."]) }
        let siteOnly = SiteOnlyContext(site: ViewReference(site))
        let included = sources.values.reduce(into: Set<String>()) { $0.formUnion(Self.partials(in: $1)) }
        let escaping = TemplateEscaping()
        var inlined = sources.mapValues { TemplateInlining.inline(values, into: $0, escape: escaping.escapeText) }
        for name in inlined.keys where !included.contains(name) {
            inlined[name] = TemplateInlining.expandSections(sections, in: inlined[name]!) { lines in
                (try? MustacheTemplate(string: TemplateEscaping.pragma + lines))?.render(siteOnly)
            }
        }
        // Partials that show an article alone are rendered once per article for the lists.
        let perArticle = included.filter {
            inlined[$0].map {
                TemplateInlining.showsTheArticleAlone($0, fields: ArticleView.names, scalars: ArticleView.scalarNames)
            } ?? false
        }.sorted()
        let variables = Dictionary(
            uniqueKeysWithValues: perArticle.enumerated().map { ($1, RenderedPartials.name(of: $0)) })
        var library = MustacheLibrary()
        for (name, text) in inlined {
            let rewritten = TemplateInlining.renderingPartials(variables, inSectionsOver: "list.articles", in: text)
            guard let template = try? MustacheTemplate(string: TemplateEscaping.pragma + rewritten) else { return self }
            library.register(template, named: name)
        }
        var theme = Theme(library: library, assets: assets, digest: digest, sources: sources)
        theme.renderedPartials = perArticle.isEmpty ? nil : RenderedPartials(perArticle, library: library)
        return theme
    }

    /// The templates `text` includes as partials (`{{> name}}`).
    private static func partials(in text: String) -> Set<String> {
        Set(TemplateTagScan.references(in: text[...], .anyPartial).map { String($0.name) })
    }

    /// The names the template for pages of `kind` can look up (`TemplateNames`); `nil` when
    /// that cannot be told.
    func names(usedBy kind: PageKind) -> Set<String>? {
        TemplateNames.used(by: kind.template, in: sources)
    }

    /// Renders a page of one kind with the template for that kind.
    func render(_ kind: PageKind, _ context: PageContext) throws(BuildFailure) -> String {
        guard let html = library.render(context.referenced(), withTemplate: kind.template) else {
            throw BuildFailure(
                .error("templates/\(kind.template).mustache", "the theme has no '\(kind.template)' template"))
        }
        return html
    }
}

/// What a page's template sees of the site alone: what the theme renders once for every page.
private struct SiteOnlyContext: TemplateView {
    let site: ViewReference

    func child(named name: String) -> Any? {
        name == "site" ? site : nil
    }
}
