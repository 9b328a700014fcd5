import GazetteCore
import XMLKit

/// A page's inspection as the build cache keeps it: the report, and the digest of the page's
/// `id`s in sorted order. Link checks are keyed by what every page's links can reach, each
/// page's ids among it (`SiteValidator`); kept with the report, the ids of a page that did not
/// change are not sorted and digested again by every rebuild.
struct PageInspection: Sendable {
    let report: HTMLInspector.Report
    let idsDigest: ContentDigest

    init(_ report: HTMLInspector.Report) {
        self.report = report
        idsDigest = SiteDigests.combining(report.ids.sorted())
    }

    private init(report: HTMLInspector.Report, idsDigest: ContentDigest) {
        self.report = report
        self.idsDigest = idsDigest
    }
}

/// The report, then the digest, in turn.
extension PageInspection: Codable {
    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let report = try container.decode(HTMLInspector.Report.self)
        self.init(report: report, idsDigest: try container.decode(ContentDigest.self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(report)
        try container.encode(idsDigest)
    }
}
