import Foundation
import Syndication
import Testing

/// libxml2 sets up its RELAX NG and XML Schema type tables lazily and without a lock; Gazette
/// sets them up once before any parallel work. Compiling and using the schemas on many threads
/// at once must never crash and never give a different verdict.
@Suite
struct ConcurrentValidationTests {
    private static let atom = AtomWriter().write(AtomWriterTests.sampleFeed()).text

    private static let sitemap = Sitemap(pages: [Sitemap.Page(url: "https://example.org/a/")]).xml()

    @Test func thousandsOfSchemaCompilationsAndValidationsAtOnceAgree() {
        let verdicts = Verdicts()
        DispatchQueue.concurrentPerform(iterations: 1_000) { index in
            let issues =
                index.isMultiple(of: 2)
                ? AtomValidator().validate(Self.atom) : SitemapValidator().validate(Self.sitemap)
            verdicts.record(issues.compactMap(\.rule))
        }
        #expect(verdicts.all == [[]])
        #expect(verdicts.count == 1_000)
    }
}

/// Every distinct verdict seen, and how many there were, from many threads.
private final class Verdicts: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<[String]> = []
    private var total = 0

    func record(_ rules: [String]) {
        lock.withLock {
            seen.insert(rules)
            total += 1
        }
    }

    var all: Set<[String]> { lock.withLock { seen } }
    var count: Int { lock.withLock { total } }
}
