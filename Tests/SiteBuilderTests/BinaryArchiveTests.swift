import Foundation
import GazetteCore
import SiteContent
import SiteModel
import Syndication
import Testing
import XMLKit

@testable import SiteBuilder

@Suite struct BinaryArchiveTests {
    enum Shape: Codable, Equatable {
        case none
        case circle(radius: Double)
        case label(String, Int?)
        indirect case group([Shape])
    }

    struct Sample: Codable, Equatable {
        var text: String
        var empty: String
        var optional: String?
        var missing: Int?
        var numbers: [Int]
        var nested: [[UInt8]]
        var flags: [Bool?]
        var byName: [String: Shape]
        var byNumber: [Int: String]
        var shapes: [Shape]
        var bytes: [UInt8]
        var data: Data
        var negative: Int64
        var large: UInt64
        var fraction: Double
    }

    static let sample = Sample(
        text: "Grüße “quoted” <p>&amp;</p>\u{0}", empty: "", optional: "here", missing: nil,
        numbers: [0, -1, Int.max, Int.min], nested: [[], [0, 255], []], flags: [true, nil, false],
        byName: [
            "a": .none, "b": .circle(radius: 2.5), "": .label("x", nil), String(repeating: "k", count: 300): .none,
        ], byNumber: [3: "three", -1: ""],
        shapes: [.group([.label("", 7), .group([]), .none])], bytes: Array(0...255), data: Data([1, 2, 3]),
        negative: -42, large: .max, fraction: -0.125
    )

    @Test func aValueComesBackEqual() throws {
        let bytes = try BinaryArchive.encode(Self.sample)
        #expect(try BinaryArchive.decode(Sample.self, from: bytes) == Self.sample)
        #expect(
            try BinaryArchive.decode([Shape].self, from: try BinaryArchive.encode(Self.sample.shapes))
                == Self.sample.shapes)
        #expect(try BinaryArchive.decode(String?.self, from: try BinaryArchive.encode(String?.none)) == nil)
    }

    @Test func damagedBytesThrowInsteadOfCrashing() throws {
        let bytes = try BinaryArchive.encode(Self.sample)
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: (any Error).self) { try BinaryArchive.decode(Sample.self, from: Array(bytes[..<length])) }
        }
        var flipped = bytes
        var failures = 0
        for index in stride(from: 0, to: bytes.count, by: 3) {
            flipped[index] ^= 0xA5
            if (try? BinaryArchive.decode(Sample.self, from: flipped)) != Self.sample { failures += 1 }
            flipped[index] ^= 0xA5
        }
        #expect(failures > 0)
        #expect(throws: (any Error).self) {
            try BinaryArchive.decode(Sample.self, from: try BinaryArchive.encode([1, 2]))
        }
    }

    @Test func anArrayIsItsElementsArchives() throws {
        let shapes = Self.sample.shapes + [.circle(radius: 1), .label("é", 3)]
        let encoded = try BinaryArchive.encode(shapes)
        let elements = try encoded.withUnsafeBufferPointer { try BinaryArchive.elements(of: $0).map(Array.init) }
        #expect(try elements == shapes.map { try BinaryArchive.encode($0) })
        #expect(BinaryArchive.array(ofElements: elements) == encoded)
        #expect(throws: (any Error).self) {
            try encoded.dropLast().withUnsafeBufferPointer { _ = try BinaryArchive.elements(of: $0) }
        }
    }

    @Test func aPageReportComesBackEqual() throws {
        let report = HTMLInspector.inspect(
            "<!DOCTYPE html><html><head><title>t</title></head><body id=\"top\"><p id=\"é\">\n<a href=\"/a/\">a</a>"
                + "<img src=\"b.png\" srcset=\"c.png 2x, d.png 3x\" alt=\"\"><a href=\"#top\">é</a></p></body></html>",
            name: "page.html")
        #expect(report.references.count == 5 && report.ids == ["top", "é"])
        let bytes = try BinaryArchive.encode(report)
        let decoded = try BinaryArchive.decode(HTMLInspector.Report.self, from: bytes)
        #expect(decoded == report)
        // Read back, its ids are looked for in their packed bytes, as they are looked for in
        // the report made: code point by code point.
        for made in [report, decoded] {
            #expect(made.hasID("top") && made.hasID("é") && !made.hasID("to") && !made.hasID("tops"))
            #expect(!made.hasID("e\u{301}"))
        }
        #expect(try BinaryArchive.encode(decoded) == bytes)
        #expect(throws: (any Error).self) {
            try BinaryArchive.decode(HTMLInspector.Report.self, from: Array(bytes.dropLast(3)))
        }
    }

    /// A stamp is its seven numbers' little-endian bytes, and a page's record its key, its
    /// digest, whether a stamp follows, the stamp and its path: both come back as they were.
    @Test func pageRecordsAndStampsKeepTheirBytes() throws {
        var status = stat()
        status.st_size = 0x0102
        status.st_dev = 3
        status.st_ino = 0x0A0B_0C0D
        status.st_mtim = timespec(tv_sec: 1_700_000_000, tv_nsec: 5)
        status.st_ctim = timespec(tv_sec: -1, tv_nsec: 999_999_999)
        let stamp = FileStamp(status)
        let numbers: [Int64] = [0x0102, 3, 0x0A0B_0C0D, 1_700_000_000, 5, -1, 999_999_999]
        #expect(
            stamp.bytes == numbers.flatMap { number in (0..<8).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) } })
        #expect(FileStamp(bytes: stamp.bytes[...]) == stamp)
        #expect(FileStamp(bytes: stamp.bytes.dropLast()) == nil)
        let key = ContentDigest(of: Array("key".utf8))
        let digest = ContentDigest(of: Array("page".utf8))
        let records = [
            PublishedPages.Record(
                path: "posts/é/index.html", key: key, digest: digest, stamp: stamp, sharedWithPrevious: true),
            PublishedPages.Record(path: "index.html", key: key, digest: digest, stamp: nil),
            PublishedPages.Record(path: "a/index.html", key: digest, digest: key, stamp: stamp),
        ]
        let bytes = try BinaryArchive.encode(PublishedPages.Record.Packed(records))
        let decoded = try BinaryArchive.decode(PublishedPages.Record.Packed.self, from: bytes).records
        #expect(decoded.map(\.path) == records.map(\.path))
        for (decoded, record) in zip(decoded, records) {
            #expect(decoded.key == record.key && decoded.digest == record.digest)
            #expect(decoded.stamp == record.stamp && decoded.sharedWithPrevious == record.sharedWithPrevious)
        }
        // Each record's length, then its key, digest, flags (1: a stamp follows, 2: shared), stamp and path.
        let payload = records.flatMap { record in
            let flags: UInt8 = (record.stamp == nil ? 0 : 1) | (record.sharedWithPrevious ? 2 : 0)
            let packed =
                record.key.bytes + record.digest.bytes + [flags] + (record.stamp?.bytes ?? [])
                + Array(record.path.utf8)
            return (0..<8).map { UInt8(truncatingIfNeeded: packed.count >> (8 * $0)) } + packed
        }
        #expect(try BinaryArchive.encode(payload) == bytes)
        // Bytes cut short are not records.
        #expect(throws: (any Error).self) {
            try BinaryArchive.decode(
                PublishedPages.Record.Packed.self, from: BinaryArchive.encode(Array(payload.dropLast())))
        }
    }

    /// A page's inspection comes back with its report and the digest of its ids, which is
    /// the digest of the ids in sorted order: the same whatever order the page has them in,
    /// another when one changes.
    @Test func aPageInspectionKeepsTheDigestOfItsIDs() throws {
        func inspection(_ body: String) -> PageInspection {
            PageInspection(
                HTMLInspector.inspect(
                    "<!DOCTYPE html><html><head><title>t</title></head><body>\(body)</body></html>", name: "page.html"))
        }
        let page = inspection("<p id=\"b\">b</p><p id=\"a\"><a href=\"#b\">a</a></p>")
        #expect(page.idsDigest == SiteDigests.combining(["a", "b"]))
        #expect(inspection("<p id=\"a\">a</p><p id=\"b\">b</p>").idsDigest == page.idsDigest)
        #expect(inspection("<p id=\"a\">a</p><p id=\"c\">b</p>").idsDigest != page.idsDigest)
        let bytes = try BinaryArchive.encode(page)
        let decoded = try BinaryArchive.decode(PageInspection.self, from: bytes)
        #expect(decoded.report == page.report && decoded.idsDigest == page.idsDigest)
        #expect(throws: (any Error).self) {
            try BinaryArchive.decode(PageInspection.self, from: Array(bytes.dropLast(3)))
        }
    }

    /// A rendering comes back, as a rebuild reads it, with every field as it was and its HTML
    /// readable in place, and the same rendering makes the same bytes; cut short, it is refused.
    @Test func renderingsComeBackEqualAndDamageIsNoticed() throws {
        let renderings = [
            CacheFile.Rendering(
                html: "<p>é</p>",
                details: .init(
                    sourcePath: "content/é.md", summary: "é", wordCount: 1,
                    headings: [
                        RenderedArticle.Heading(level: 2, id: "a", text: "A"), .init(level: 3, id: "", text: ""),
                    ],
                    image: "/i.png", warnings: [Diagnostic(.warning, file: "content/é.md", line: 2, "odd", rule: "r")],
                    markupProblems: [.error("content/é.md", "stray </p>")],
                    linkLines: ["/a/": 3, "https://example.org/é?x=1": 12, "": 0],
                    linkLookups: LinkLookups(keys: ["posts/é.md", "\u{0}b.md", "c"], answers: ["/é/", "", "/c/"]))),
            CacheFile.Rendering(
                html: "",
                details: .init(
                    sourcePath: "content/a.md", summary: "", wordCount: 0, headings: [], image: nil, warnings: [],
                    markupProblems: [], linkLines: [:], linkLookups: LinkLookups())),
        ]
        for rendering in renderings {
            let bytes = try BinaryArchive.encode(rendering)
            // Where its HTML and details lie, the details' header, then the details themselves.
            let archived = try BinaryArchive.decode(ArchivedRendering.self, from: bytes)
            let html = String(decoding: bytes[archived.html.range], as: UTF8.self)
            let packed = Array(bytes[archived.details.range])
            let back = try #require(CacheFile.RenderingDetails(packed: packed))
            let expected = rendering.details
            #expect(back.sourcePath == expected.sourcePath && html == rendering.html)
            #expect(back.summary == expected.summary && back.wordCount == expected.wordCount)
            #expect(back.headings == expected.headings && back.image == expected.image)
            #expect(back.warnings == expected.warnings && back.markupProblems == expected.markupProblems)
            #expect(back.linkLines == expected.linkLines && back.linkLookups == expected.linkLookups)
            let header = try #require(CacheFile.RenderingDetails.Header(packed: packed))
            #expect(header.sourcePath == expected.sourcePath && header.wordCount == expected.wordCount)
            #expect(header.image == expected.image && header.linkLookupsDigest == expected.linkLookups.digest)
            #expect(header.counts.warnings == expected.warnings.count)
            #expect(header.counts.markupProblems == expected.markupProblems.count)
            #expect(header.counts.linkLines == expected.linkLines.count)
            #expect(
                try BinaryArchive.encode(CacheFile.Rendering(html: html, details: back)) == bytes,
                "the same bytes every time")
            // Its packed details cut short by one field.
            var raw = try BinaryArchive.decode(RawRendering.self, from: bytes)
            raw.details.removeLast(4)
            #expect(CacheFile.RenderingDetails(packed: raw.details) == nil)
        }
    }

    /// A rendering's archive as it lies: its HTML and its packed details.
    struct RawRendering: Codable {
        let html: String
        var details: [UInt8]
    }

    @Test func diagnosticsComeBackEqualAndDamageIsNoticed() throws {
        let diagnostics = PackedDiagnostics([
            Diagnostic(.warning, file: "content/posts/é.md", line: 3, "broken link: '/a/'", rule: "links"),
            Diagnostic(
                .error, file: "public/a/index.html", line: 12, column: 5, "stray </p>", rule: "html",
                origin: "content/a.md"),
            .error("site.yml", "cannot be read"),
        ])
        let bytes = try BinaryArchive.encode(diagnostics)
        #expect(try BinaryArchive.decode(PackedDiagnostics.self, from: bytes).diagnostics == diagnostics.diagnostics)
        // A severity no diagnostic has.
        var writer = ByteRunWriter()
        writer.append("notice")
        let damaged = try BinaryArchive.encode(writer.bytes)
        #expect(throws: (any Error).self) { try BinaryArchive.decode(PackedDiagnostics.self, from: damaged) }
    }

    /// Every field of a read article, the optional ones given and not, comes back as it was
    /// (a front matter number to the bit); cut short or with a field of the wrong kind, the
    /// row is refused.
    @Test func readArticlesComeBackEqualAndDamageIsNoticed() throws {
        let full = Article(
            sourcePath: "content/posts/é.md", contentPath: "posts/é.md", format: .markdown, title: "Ça «marche»",
            date: Timestamp(secondsSinceEpoch: -86_401, fraction: "250", utcOffsetSeconds: -34_200),
            updated: Timestamp(secondsSinceEpoch: 5_000_000_000), tags: ["a", "b c"], draft: true, summary: "",
            slug: "e", section: "posts",
            authors: [Person(name: "Ann", email: "a@b.c"), Person(name: "Bo", uri: "/bo/")],
            customID: "tag:x,2024:1", image: "/i.png", expires: Timestamp(secondsSinceEpoch: 0), tableOfContents: true,
            body: "Body\n", bodyLine: 7, path: "/2024/e.html", aliases: ["/old/"],
            params: [
                MetadataEntry(key: "n", value: .number(0.1)), MetadataEntry(key: "i", value: .integer(-3)),
                MetadataEntry(key: "l", value: .list([.bool(false), .text("t"), .table([])])),
                MetadataEntry(key: "t", value: .table([MetadataEntry(key: "k", value: .list([]))])),
            ],
            bundleFolder: "posts/e", isPage: true)
        let bare = Article(
            sourcePath: "content/a.txt", contentPath: "a.txt", format: .plainText, title: "A",
            date: Timestamp(secondsSinceEpoch: 1), slug: "a", body: "")
        for read in [
            ReadArticle(
                article: full, warnings: [Diagnostic(.warning, file: "content/posts/é.md", line: 2, "odd", rule: "r")]),
            ReadArticle(article: bare, warnings: [], hasBody: false),
        ] {
            let bytes = try BinaryArchive.encode(read)
            let back = try BinaryArchive.decode(ReadArticle.self, from: bytes)
            #expect(back.article == read.article)
            #expect(back.warnings == read.warnings)
            #expect(back.hasBody == read.hasBody)
            let packed = try BinaryArchive.decode([UInt8].self, from: bytes)
            #expect(throws: (any Error).self) {
                try BinaryArchive.decode(ReadArticle.self, from: try BinaryArchive.encode(Array(packed.dropLast(4))))
            }
        }
        var writer = ByteRunWriter()
        for text in ["content/a.md", "a.md", "asciidoc"] { writer.append(text) }
        #expect(throws: (any Error).self) {
            try BinaryArchive.decode(ReadArticle.self, from: try BinaryArchive.encode(writer.bytes))
        }
        // A count of four billion tags, then nothing: refused, not made room for.
        var huge = ByteRunWriter()
        for text in ["content/a.md", "a.md", "markdown", "A", "1", "", "0"] { huge.append(text) }
        huge.append(0)
        huge.append(Int(UInt32.max))
        #expect(throws: (any Error).self) {
            try BinaryArchive.decode(ReadArticle.self, from: try BinaryArchive.encode(huge.bytes))
        }
    }

    struct Page: Codable {
        let title: String
        let body: String
        let after: Int
    }

    struct PageWithoutBody: Decodable {
        let title: String
        let body: ArchivedPlace
        let after: Int
    }

    /// A field decoded as its place is left in the bytes, and the place holds it.
    @Test func aPlaceIsWhereTheValueLies() throws {
        let body = "<p>Grüße, “long” body</p>"
        let bytes = try BinaryArchive.encode(Page(title: "T", body: body, after: 7))
        let head = try BinaryArchive.decode(PageWithoutBody.self, from: bytes)
        #expect(head.title == "T")
        #expect(head.after == 7)
        #expect(String(decoding: bytes[head.body.range], as: UTF8.self) == body)
        // Only the archive knows where values lie.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PageWithoutBody.self, from: Data(#"{"title":"T","body":"b","after":7}"#.utf8))
        }
    }
}
