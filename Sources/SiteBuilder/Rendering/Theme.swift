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
