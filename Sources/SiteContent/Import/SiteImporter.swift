package import Foundation
import GazetteCore
package import SiteModel

/// Reads a Hugo (`hugo.toml`, `config.toml`, `.yaml`), Zola (`zola.toml`, `config.toml`) or
/// Jekyll (`_config.yml`) configuration and plans the equivalent Gazette site.
package enum SiteImporter {
    /// Plans the import of the site in `folder`.
    /// - Throws: `BuildFailure` when the folder holds no configuration of a known generator,
    ///   or the configuration cannot be read.
    package static func plan(_ folder: URL) throws(BuildFailure) -> ImportPlan {
        let exists = { (name: String) in FileManager.default.fileExists(atPath: folder.appending(path: name).path) }
        if exists("_config.yml") { return try jekyll(read("_config.yml", in: folder), folder: folder) }
        for name in ["hugo.toml", "hugo.yaml", "hugo.yml", "zola.toml", "config.toml", "config.yaml", "config.yml"]
        where exists(name) {
            let table = try read(name, in: folder)
            let isZola = name == "zola.toml" || (name == "config.toml" && table.keys.contains("base_url"))
            return isZola ? try zola(table, file: name) : try hugo(table, file: name)
        }
        throw BuildFailure(
            .error(
                folder.lastPathComponent,
                "no Hugo (hugo.toml, config.toml), Zola (zola.toml, config.toml) or Jekyll (_config.yml) configuration here"
            ))
    }

    private static func read(_ name: String, in folder: URL) throws(BuildFailure) -> FrontMatterTable {
        guard let data = FileManager.default.contents(atPath: folder.appending(path: name).path) else {
            throw BuildFailure(.error(name, "cannot read the file"))
        }
        let text = try TextDecoding.decode(Array(data), file: name)
        let table =
            name.hasSuffix(".toml")
            ? try TOMLReader.read(text, file: name, lineOffset: 0)
            : try YAMLReader.read(text, file: name, lineOffset: 0)
        return table ?? FrontMatterTable(file: name, entries: [], line: 1)
    }

    // MARK: - Hugo

    private static func hugo(_ config: FrontMatterTable, file: String) throws(BuildFailure) -> ImportPlan {
        var site = SiteYAML()
        var notes: [String] = []
        site.add("title", try config.string("title"))
        site.add("base_url", try config.string(config.key("baseURL", "baseurl")))
        site.add("language", try config.string(config.key("locale", "languageCode", "defaultContentLanguage")))
        site.add("timezone", try config.string(config.key("timeZone", "timezone")))
        let nested = try config.table("pagination")?.int("pagerSize")
        let legacy = try config.int("paginate")
        site.add("pagination", (nested ?? legacy).map(String.init))
        if let permalinks = try config.table("permalinks") {
            // Hugo 0.144 and later also nest them under `page`.
            let patterns = try permalinks.table("page") ?? permalinks
            for section in patterns.keys {
                guard let pattern = try patterns.string(section) else { continue }
                let (converted, unsupported) = convertPattern(
                    pattern,
                    renaming: [
                        ":contentbasename": ":filename", ":slugorfilename": ":slug", ":slugorcontentbasename": ":slug",
                    ])
                site.addPermalink(section, converted)
                if !unsupported.isEmpty {
                    notes.append(
                        "permalinks.\(section): \(unsupported.joined(separator: ", ")) have no equivalent and were left out"
                    )
                }
            }
        }
        if let taxonomies = try config.table("taxonomies") {
            let plural = taxonomies.keys.compactMap { try? taxonomies.string($0) }.filter { $0 != "tags" }
            if !plural.isEmpty {
                notes.append("taxonomies \(plural.joined(separator: ", ")) become tags: Gazette has one taxonomy")
            }
        }
        if config.value("uglyURLs") != nil {
            notes.append("uglyURLs: end a permalinks pattern in .html instead, such as /:year/:slug.html")
        }
        for key in ["menus", "menu", "params", "outputs", "module", "theme", "markup"] where config.value(key) != nil {
            notes.append("'\(key)' is not carried over: it belongs to the theme or to Hugo's pipeline")
        }
        return ImportPlan(generator: .hugo, configFile: file, siteYAML: site.text, copies: [], notes: notes)
    }

    // MARK: - Zola

    private static func zola(_ config: FrontMatterTable, file: String) throws(BuildFailure) -> ImportPlan {
        var site = SiteYAML()
        var notes: [String] = []
        site.add("title", try config.string("title"))
        site.add("base_url", try config.string("base_url"))
        site.add("description", try config.string("description"))
        site.add("language", try config.string("default_language"))
        if case .list(let taxonomies)? = config.value("taxonomies") {
            let names = taxonomies.compactMap { value -> String? in
                guard case .table(let table) = value else { return nil }
                return try? table.string("name")
            }.filter { $0 != "tags" }
            if !names.isEmpty {
                notes.append("taxonomies \(names.joined(separator: ", ")) become tags: Gazette has one taxonomy")
            }
        }
        let feeds = try config.bool("generate_feeds")
        let feed = try config.bool("generate_feed")
        if feeds == false || feed == false {
            notes.append("generate_feeds = false: Gazette always writes feeds; choose formats under feed: in site.yml")
        }
        for key in ["markdown", "slugify", "search", "translations", "languages", "extra"]
        where config.value(key) != nil {
            notes.append("'[\(key)]' is not carried over")
        }
        notes.append("paginate_by in _index.md files is not read; set pagination: in site.yml")
        return ImportPlan(generator: .zola, configFile: file, siteYAML: site.text, copies: [], notes: notes)
    }

    // MARK: - Jekyll

    private static func jekyll(_ config: FrontMatterTable, folder: URL) throws(BuildFailure) -> ImportPlan {
        var site = SiteYAML()
        var notes: [String] = []
        site.add("title", try config.string("title"))
        let url = try config.string("url") ?? ""
        let basePath = try config.string("baseurl") ?? ""
        site.add(
            "base_url", url.isEmpty ? nil : url.trimmingCharacters(in: "/") + "/" + basePath.trimmingCharacters(in: "/")
        )
        site.add("description", try config.string("description"))
        site.add("language", try config.string(config.key("lang", "locale")))
        site.add("timezone", try config.string("timezone"))
        site.add("pagination", try config.int("paginate").map(String.init))
        let style = try config.string("permalink") ?? "date"
        let builtIn = [
            "date": "/:categories/:year/:month/:day/:title:output_ext",
            "pretty": "/:categories/:year/:month/:day/:title/",
            "ordinal": "/:categories/:year/:y_day/:title:output_ext", "none": "/:categories/:title:output_ext",
        ]
        let (pattern, unsupported) = convertPattern(
            builtIn[style] ?? style, renaming: [":title": ":slug", ":output_ext": ".html"])
        site.addPermalink("posts", pattern.replacing("//", with: "/"))
        if !unsupported.isEmpty {
            notes.append("permalink: \(unsupported.joined(separator: ", ")) have no equivalent and were left out")
        }
        var copies: [ImportPlan.Copy] = []
        let exists = { (name: String) in FileManager.default.fileExists(atPath: folder.appending(path: name).path) }
        if exists("_posts") { copies.append(ImportPlan.Copy(from: "_posts", to: "content/posts")) }
        for assets in ["assets", "images", "img", "files"] where exists(assets) {
            copies.append(ImportPlan.Copy(from: assets, to: "static/\(assets)"))
        }
        if exists("_drafts") {
            notes.append("_drafts/ is not copied; copy its posts into content/posts with draft: true")
        }
        for key in ["plugins", "collections", "defaults", "sass", "kramdown"] where config.value(key) != nil {
            notes.append("'\(key)' is not carried over")
        }
        notes.append(
            "_layouts/ and _includes/ are Liquid templates; the built-in theme is used until templates/ has yours")
        return ImportPlan(
            generator: .jekyll, configFile: "_config.yml", siteYAML: site.text, copies: copies, notes: notes)
    }

    /// A pattern with other generators' tokens renamed to Gazette's, and the tokens Gazette
    /// does not have taken out (with the separator before them).
    static func convertPattern(_ pattern: String, renaming: [String: String]) -> (String, [String]) {
        var converted = pattern
        for (from, to) in renaming.sorted(by: { $0.key.count > $1.key.count }) {
            converted = converted.replacing(from, with: to)
        }
        var unsupported: [String] = []
        let tokens = converted.matches(of: /:[a-z_]+/).map { String(converted[$0.range]) }
        for token in tokens where !SitePaths.permalinkTokens.contains(token) {
            unsupported.append(token)
            converted = converted.replacing("/" + token, with: "").replacing(token, with: "")
        }
        return (converted.isEmpty ? "/:slug/" : converted, unsupported)
    }
}

/// The `site.yml` an import writes, key by key, every value quoted.
private struct SiteYAML {
    private var lines = ["# Written by build-site import; see the README for every setting."]
    private var permalinks: [String] = []

    mutating func add(_ key: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        lines.append("\(key): \(Self.quoted(value))")
    }

    mutating func addPermalink(_ section: String, _ pattern: String) {
        permalinks.append("  \(Self.quoted(section)): \(Self.quoted(pattern))")
    }

    var text: String {
        (lines + (permalinks.isEmpty ? [] : ["permalinks:"] + permalinks)).joined(separator: "\n") + "\n"
    }

    private static func quoted(_ value: String) -> String {
        "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
