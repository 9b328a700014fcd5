import Foundation
import GazetteCore
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
        #expect(try BinaryArchive.decode(HTMLInspector.Report.self, from: bytes) == report)
        #expect(throws: (any Error).self) {
            try BinaryArchive.decode(HTMLInspector.Report.self, from: Array(bytes.dropLast(3)))
        }
    }

    @Test func linkLinesComeBackEqualAndDamageIsNoticed() throws {
        let lines = PackedLinkLines(lines: ["/a/": 3, "https://example.org/é?x=1": 12, "": 0])
        let bytes = try BinaryArchive.encode(lines)
        #expect(try BinaryArchive.decode(PackedLinkLines.self, from: bytes).lines == lines.lines)
        #expect(try BinaryArchive.encode(PackedLinkLines(lines: lines.lines)) == bytes, "the same bytes every time")
        // A line, then a URL said to have five bytes that has one.
        let damaged = try BinaryArchive.encode([UInt8]([1, 0, 0, 0, 5, 0, 0, 0, 0x61]))
        #expect(throws: (any Error).self) { try BinaryArchive.decode(PackedLinkLines.self, from: damaged) }
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
