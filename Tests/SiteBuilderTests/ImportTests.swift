import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder
@testable import SiteContent

/// `build-site import` on each fixture's own configuration: the site.yml it plans carries the
/// settings over, and the imported site publishes what the hand-written one does.
@Suite struct ImportTests {
    /// The fixture in its generator's own layout, without the site.yml written for it.
    private func original(_ fixture: String) throws -> TemporarySite {
        let site = try TemporarySite(fixture: "migrations/\(fixture)")
        try FileManager.default.removeItem(at: site.folder.appending(path: "site.yml"))
        if fixture == "jekyll" {
            for folder in ["_posts", "assets"] {
                try FileManager.default.moveItem(
                    at: site.folder.appending(path: "content/\(folder)"), to: site.folder.appending(path: folder))
            }
            try FileManager.default.removeItem(at: site.folder.appending(path: "content"))
        }
        return site
    }

    @Test func hugoSettingsAreCarriedOver() throws {
        let site = try original("hugo")
        let plan = try SiteImporter.plan(site.folder)
        #expect(plan.generator == .hugo && plan.configFile == "hugo.toml")
        #expect(
            plan.siteYAML == """
                # Written by build-site import; see the README for every setting.
                title: "Gopher Notes"
                base_url: "https://gopher.example.org/"
                language: "en-gb"
                timezone: "Europe/Berlin"
                pagination: "5"
                permalinks:
                  "posts": "/:year/:month/:day/:slug/"

                """)
        #expect(plan.notes.contains { $0.contains("categories become tags") })
    }

    @Test func zolaSettingsAreCarriedOver() throws {
        let site = try original("zola")
        let plan = try SiteImporter.plan(site.folder)
        #expect(plan.generator == .zola && plan.configFile == "config.toml")
        #expect(plan.siteYAML.contains(#"base_url: "https://slow.example.org""#))
        #expect(plan.siteYAML.contains(#"language: "en""#))
        #expect(plan.notes.contains { $0.contains("'[markdown]'") })
    }

    @Test func jekyllPostsMoveAndItsPermalinkStyleIsTranslated() throws {
        let site = try original("jekyll")
        let plan = try SiteImporter.plan(site.folder)
        #expect(plan.generator == .jekyll)
        #expect(plan.siteYAML.contains(#""posts": "/:year/:month/:day/:slug.html""#))
        #expect(plan.siteYAML.contains(#"timezone: "America/Los_Angeles""#))
        #expect(
            plan.copies == [
                ImportPlan.Copy(from: "_posts", to: "content/posts"),
                ImportPlan.Copy(from: "assets", to: "static/assets"),
            ])
        #expect(plan.notes.contains { $0.contains("'plugins'") })
    }

    @Test(arguments: [
        ("/:categories/:year/:month/:day/:title:output_ext", "/:year/:month/:day/:slug:output_ext", [":categories"]),
        ("/:year/:week/:slug/", "/:year/:slug/", [":week"]),
    ])
    func patternsKeepWhatGazetteHas(pattern: String, expected: String, dropped: [String]) {
        let (converted, unsupported) = SiteImporter.convertPattern(pattern, renaming: [":title": ":slug"])
        #expect(converted == expected)
        #expect(unsupported == dropped)
    }

    @Test func anImportedJekyllSiteBuildsAsTheHandWrittenOneDoes() async throws {
        let site = try original("jekyll")
        let plan = try SiteImporter.plan(site.folder)
        try site.write("site.yml", plan.siteYAML)
        for copy in plan.copies {
            try FileManager.default.createDirectory(
                at: site.folder.appending(path: copy.to).deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: site.folder.appending(path: copy.from), to: site.folder.appending(path: copy.to))
        }
        try await site.build()
        let tree = try site.outputTree()
        #expect(tree["2023/01/29/hello-world.html"] != nil && tree["2023/02/01/second.html"] != nil)
        #expect(tree["hello/index.html"] != nil && tree["assets/pic.png"] != nil)
    }

    @Test func noKnownConfigurationIsAnError() throws {
        let site = try TemporarySite(["content/a.md": "A"])
        #expect(throws: BuildFailure.self) { try SiteImporter.plan(site.folder) }
    }
}
