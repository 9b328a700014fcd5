import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder

@Suite struct ValidationSettingsTests {
    private func site(_ settings: String) throws -> TemporarySite {
        try TemporarySite([
            "site.yml": "title: T\nbase_url: https://t.example.org/\n\(settings)",
            "content/posts/2024-01-01-a.md":
                "[gone](/missing/), [docs](/docs/api/) and [self](http://t.example.org/nowhere/).\n",
        ])
    }

    @Test func brokenLinksAreErrorsByDefault() async throws {
        let errors = try await site("").buildErrors()
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0.rule == "links" && $0.message.hasPrefix("broken link") })
    }

    @Test func linksCanBeWarningsOrOffAndPrefixesIgnored() async throws {
        let lenient = try site("validation:\n  links: warning\n  ignore_links: [/docs/]\n")
        let summary = try await lenient.build()
        #expect(summary.warnings.filter { $0.rule == "links" }.count == 2)
        let off = try site("validation: {links: off}\n")
        #expect(try await off.build().warnings.allSatisfy { $0.rule != "links" })
    }

    @Test func unknownStrictnessIsAnErrorAtItsLine() async throws {
        let errors = try await site("validation:\n  links: maybe\n").buildErrors()
        #expect(errors.first?.file == "site.yml" && errors.first?.line == 4)
    }

    /// A broken link's severity follows `validation.links` in a cached build too: the cached
    /// check is not reused across a change of the setting.
    @Test func aChangedLinkSettingIsHonouredByACachedBuild() async throws {
        let site = try TemporarySite([
            "site.yml": "title: T\nvalidation:\n  links: warning\n",
            "content/2024-01-01-a.md": "[gone](/nowhere/)\n",
        ])
        let cache = BuildCache()
        let warned = try await SiteBuild.render(BuildOptions(siteFolder: site.folder), cache: cache)
        #expect(warned.summary.warnings.contains { $0.rule == "links" })
        try Data("title: T\n".utf8).write(to: site.folder.appending(path: "site.yml"))
        await #expect(throws: BuildFailure.self) {
            _ = try await SiteBuild.render(BuildOptions(siteFolder: site.folder), cache: cache)
        }
    }
}
