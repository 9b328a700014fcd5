import Foundation

/// Finds templates that include (`{{> name}}`) or inherit (`{{< name}}`) themselves, directly or
/// through others. Mustache would recurse until the stack overflows, so a theme holding such a
/// loop is refused before anything is rendered.
enum TemplateCycles {
    /// Every loop among `sources` (template name to text), each as the chain of names from the
    /// template it starts at back to that template, e.g. `["a", "b", "a"]`.
    static func find(in sources: [String: String]) -> [[String]] {
        var edges: [String: [String]] = [:]
        for (name, text) in sources {
            edges[name] = references(in: text).filter { sources[$0] != nil }.sorted()
        }
        var loops: [[String]] = []
        var seen = Set<[String]>()
        var finished = Set<String>()
        for start in sources.keys.sorted() where !finished.contains(start) {
            var path: [String] = []
            var onPath = Set<String>()
            func visit(_ name: String) {
                if onPath.contains(name) {
                    let loop = Array(path[path.firstIndex(of: name)!...])
                    let first = loop.indices.min { loop[$0] < loop[$1] }!
                    let canonical = Array(loop[first...] + loop[..<first])
                    if seen.insert(canonical).inserted { loops.append(canonical + [canonical[0]]) }
                    return
                }
                guard !finished.contains(name) else { return }
                path.append(name)
                onPath.insert(name)
                for next in edges[name] ?? [] { visit(next) }
                path.removeLast()
                onPath.remove(name)
                finished.insert(name)
            }
            visit(start)
        }
        return loops
    }

    /// The templates `text` includes (`{{> name}}`) or inherits (`{{< name}}`) by name; a
    /// partial named at render time (`{{>*name}}`) is not among them.
    static func references(in text: String) -> Set<String> {
        Set(TemplateTagScan.references(in: text[...], .partialsAndLayouts).map { String($0.name) })
    }
}
