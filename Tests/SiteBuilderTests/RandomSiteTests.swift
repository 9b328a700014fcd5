import Foundation
import GazetteCore
import SiteModel
import TestSupport
import Testing

@testable import SiteBuilder

/// Property tests: sites made at random from the fragments real and hostile content is made
/// of (odd front matter, file names, nesting, settings). Whatever comes in, a build must end
/// (no crash, no hang) either with a site or with errors that each name a file, and a failed
/// build must leave the previous output as it was. Seeded, so a failure can be replayed.
@Suite
struct RandomSiteTests {
    @Test(arguments: 0..<60)
    func aRandomSiteBuildsOrFailsWithLocatedErrors(seed: Int) async throws {
        var random = SeededRandom(seed: UInt64(seed))
        let site = try TemporarySite([
            "site.yml": "title: Random\nbase_url: https://random.example.org/\n",
            "content/posts/2024-01-01-anchor.md": "---\ntitle: Anchor\n---\nA page that is always there.",
        ])
        try await site.build()
        let before = try site.outputTree()
        if random.chance(0.3) { try site.write("site.yml", RandomContent.settings(&random)) }
        for _ in 0..<random.int(in: 1...6) {
            try site.write("content/\(RandomContent.fileName(&random))", RandomContent.article(&random))
        }
        let started = Date()
        do {
            _ = try await site.build()
        } catch {
            #expect(!error.diagnostics.isEmpty, "seed \(seed): a failure with nothing said")
            for diagnostic in error.diagnostics where diagnostic.severity == .error {
                #expect(!diagnostic.file.isEmpty, "seed \(seed): an error without a file: \(diagnostic)")
            }
            #expect(try site.outputTree() == before, "seed \(seed): a failed build changed the output")
        }
        // A hang, not slowness: the sixty sites build side by side with the other suites, and
        // on a loaded machine one build took just over 20 s.
        #expect(Date().timeIntervalSince(started) < 120, "seed \(seed): the build hung")
    }
}

/// The fragments random sites are made of.
private enum RandomContent {
    static let keys = [
        "title", "date", "updated", "lastmod", "tags", "categories", "draft", "summary", "slug", "aliases", "weight",
        "image", "expires", "id", "toc", "author", "layout", "url", "permalink", "description",
    ]

    static let values = [
        "", "~", "null", "true", "no", "0", "-1", "9223372036854775807", "1e400", "2024-02-30", "2024-13-01",
        "0001-01-01", "9999-12-31T23:59:59Z", "2024-01-01T25:00:00+99:00", "\"quoted \\u0000 nul\"",
        "'single ''quoted'''", "[a, b, [c, [d]]]", "{a: 1, b: {c: 2}}", "&anchor value", "*anchor", "!!binary aGVsbG8=",
        "|\n  block\n  text", ">\n  folded", "\"\u{7}bell\u{1B}escape\"", "\"../../etc/passwd\"", "/absolute/path/",
        "\"<script>alert(1)</script>\"", "\"]]></title>\"", "\"\u{202E}rtl override\"", "\"caf\u{E9} cafe\u{301}\"",
        String(repeating: "long ", count: 2_000), "[" + Array(repeating: "t", count: 500).joined(separator: ", ") + "]",
        "? complex", "- list item", "\"\\ud800 lone surrogate\"", "javascript:alert(1)", "\"https://x.org/a b\"",
    ]

    static let bodies = [
        "Plain text.", "# Heading\n\n# Heading\n\n## Heading", String(repeating: "> ", count: 300) + "deep",
        String(repeating: "- ", count: 200) + "nested", "<div><p>unclosed <b>tags", "</div></div></main>",
        "[link](missing.md) [other](/nowhere/) ![img](../../../../x.png)", "{{< figure src=\"x.png\" >}}",
        "{% include missing.html %}", "{{ site.url }} {{ nothing.here }}", "```\nunclosed code",
        "| a | b |\n|---|\n| 1 | 2 | 3 |", "Footnote[^1] and [^missing].\n\n[^1]: Note.", "\u{0}\u{1}\u{2} control",
        "<!--more-->", "<script>alert(1)</script>", "&bogus; &#0; &#xD800; &amp;", "\u{FEFF}BOM inside",
        String(repeating: "word ", count: 20_000),
    ]

    static let names = [
        "a.md", "b.txt", "c.html", "post.markdown", "2024-01-02-dated.md", "2024-99-99-bad-date.md", "no extension",
        " spaced name .md", ".hidden.md", "-dash.md", "caf\u{E9}.md", "\u{1F600}.md", "a..b.md", "UPPER.MD",
        String(repeating: "x", count: 200) + ".md", "_index.md", "index.md", "nested/deeper/file.md", "x.yaml",
        "2024-01-01-anchor.md",
    ]

    static func article(_ random: inout SeededRandom) -> String {
        var lines: [String] = []
        let fence = random.pick(["---", "+++", "", "---"])
        if !fence.isEmpty {
            lines.append(fence)
            for _ in 0..<random.int(in: 0...6) {
                let key = random.pick(keys)
                lines.append(fence == "+++" ? "\(key) = \(random.pick(values))" : "\(key): \(random.pick(values))")
            }
            if random.chance(0.9) { lines.append(fence) }
        }
        for _ in 0..<random.int(in: 0...4) { lines.append(random.pick(bodies)) }
        return lines.joined(separator: "\n")
    }

    static func fileName(_ random: inout SeededRandom) -> String {
        let folder = random.pick(["", "posts/", "news/", "deep/er/", "posts/bundle/"])
        return folder + random.pick(names)
    }

    static func settings(_ random: inout SeededRandom) -> String {
        let entries = [
            "pagination: \(random.pick(["0", "1", "10", "99999999999", "-5", "x"]))",
            "timezone: \(random.pick(["UTC", "Mars/Olympus", "Asia/Kathmandu", "+25:00"]))",
            "permalinks:\n  posts: \(random.pick(["/:year/:slug/", "/:nonsense/", "/../../", ":slug"]))",
            "feed:\n  entries: \(random.pick(["1", "0", "1000000"]))\n  max_bytes: \(random.pick(["1024", "10", "4096"]))",
            "validation:\n  links: \(random.pick(["warning", "error", "off", "maybe"]))",
            "base_url: \(random.pick(["https://x.org/sub/", "ftp://x", "not a url", "https://x.org"]))",
        ]
        return "title: Random\n" + (0..<random.int(in: 1...3)).map { _ in random.pick(entries) }.joined(separator: "\n")
    }
}

/// SplitMix64: a small, seedable generator, so every random site can be made again.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() % 10_000) / 10_000 < probability
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(in: 0...(elements.count - 1))]
    }
}
