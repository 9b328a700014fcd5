import Synchronization
import XMLKit

/// What one build can hand to the next so that unchanged articles are neither read, rendered
/// nor validated again. `build-site serve` keeps one for as long as it runs; a normal build
/// needs none.
public final class BuildCache: Sendable {
    private struct ReadEntry {
        let text: String
        let result: Result<(Article, [Diagnostic]), BuildFailure>
    }

    private struct RenderEntry {
        let article: Article
        let links: LinkResolver
        let rendered: RenderedArticle
    }

    private struct InspectionEntry {
        let text: String
        let report: HTMLInspector.Report
    }

    private struct State {
        var reads: [String: ReadEntry] = [:]
        var renders: [String: RenderEntry] = [:]
        var inspections: [String: InspectionEntry] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty cache.
    public init() {}

    /// The article read from `file` before, if its text has not changed since; else reads it.
    func article(for file: SourceFile, reading read: (SourceFile) -> Result<(Article, [Diagnostic]), BuildFailure>) -> Result<(Article, [Diagnostic]), BuildFailure> {
        if let hit = state.withLock({ $0.reads[file.path] }), hit.text == file.text { return hit.result }
        let result = read(file)
        state.withLock { $0.reads[file.path] = ReadEntry(text: file.text, result: result) }
        return result
    }

    /// The article rendered before, if neither it nor the site's links changed; else renders it.
    func rendered(_ article: Article, links: LinkResolver, render: (Article) -> RenderedArticle) -> RenderedArticle {
        if let hit = state.withLock({ $0.renders[article.sourcePath] }), hit.article == article, hit.links == links { return hit.rendered }
        let rendered = render(article)
        state.withLock { $0.renders[article.sourcePath] = RenderEntry(article: article, links: links, rendered: rendered) }
        return rendered
    }

    /// The inspection of a page with this exact text, if there was one; else inspects it.
    func inspection(of path: String, text: String, inspect: (String) -> HTMLInspector.Report) -> HTMLInspector.Report {
        if let hit = state.withLock({ $0.inspections[path] }), hit.text == text { return hit.report }
        let report = inspect(text)
        state.withLock { $0.inspections[path] = InspectionEntry(text: text, report: report) }
        return report
    }
}
