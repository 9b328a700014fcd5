import GazetteCore
import SiteModel
import Testing

@testable import SiteContent

@Suite struct DateReaderTests {
    @Test(arguments: [
        ("2024-03-01", "2024-03-01T00:00:00Z"),
        ("2024/03/01", "2024-03-01T00:00:00Z"),
        ("2024-3-1 9:05", "2024-03-01T09:05:00Z"),
        ("2013-05-06 02:12:52 +0200", "2013-05-06T02:12:52+02:00"),
        ("2013-05-06T02:12:52+02:00", "2013-05-06T02:12:52+02:00"),
        ("2013-05-06T02:12:52.250Z", "2013-05-06T02:12:52.250Z"),
        ("2023-01-29 18:30:22 2023 -0800", "2023-01-29T18:30:22-08:00"),
        ("2023-01-29 18:30:22 -08", "2023-01-29T18:30:22-08:00"),
        ("2023-01-29 18:30 UTC", "2023-01-29T18:30:00Z"),
        ("15 Oct 2023", "2023-10-15T00:00:00Z"),
        ("Oct 15, 2023", "2023-10-15T00:00:00Z"),
        ("October 15 2023 10:00", "2023-10-15T10:00:00Z"),
        ("Sun, 29 Jan 2023 18:30:22 +0000", "2023-01-29T18:30:22Z"),
    ])
    func readsWhatOtherGeneratorsAccept(written: String, expected: String) {
        #expect(DateReader(timezone: nil)!.parse(written)?.rfc3339 == expected)
    }

    @Test(arguments: ["yesterday", "2024-02-30", "2024-03-01 25:00", "2024-03-01 10:00 +2500", "01/03/2024"])
    func refusesWhatIsNoDate(written: String) {
        #expect(DateReader(timezone: nil)!.parse(written) == nil)
    }

    @Test func datesWithoutAnOffsetTakeTheSiteZoneWithItsSummerTime() throws {
        let paris = try #require(DateReader(timezone: "Europe/Paris"))
        #expect(paris.parse("2024-01-15 10:00")?.rfc3339 == "2024-01-15T10:00:00+01:00")
        #expect(paris.parse("2024-07-15")?.rfc3339 == "2024-07-15T00:00:00+02:00")
        #expect(paris.parse("2024-07-15T10:00:00Z")?.rfc3339 == "2024-07-15T10:00:00Z")
        #expect(DateReader(timezone: "Mars/Olympus") == nil)
    }
}

@Suite struct TOMLFrontMatterTests {
    private func read(_ text: String) throws(BuildFailure) -> FrontMatterTable? {
        let split = try FrontMatter.split(text, file: "content/a.md")
        return try split.block?.parse(file: "content/a.md")
    }

    @Test func tomlBlocksAfterBlankLinesKeepKeyLinesAndTypes() throws {
        let table = try #require(
            try read(
                "\n\n+++\ntitle = \"A\"\ndate = 2024-03-01T09:30:00+01:00\ndraft = true\n\n[taxonomies]\ntags = [\"x\", \"y\"]\n+++\nBody"
            ))
        #expect(try table.string("title") == "A")
        #expect(try table.string("date") == "2024-03-01T09:30:00+01:00")
        #expect(try table.bool("draft") == true)
        #expect(try table.table("taxonomies")?.strings("tags") == ["x", "y"])
        #expect(table.line(of: "title") == 4 && table.line(of: "draft") == 6)
        #expect(try table.table("taxonomies")?.line(of: "tags") == 9)
    }

    @Test func errorsNameTheLine() {
        do {
            _ = try read("+++\ntitle = \"A\"\ndate = = 3\n+++\n")
            Issue.record("no error")
        } catch {
            #expect(error.diagnostics.first?.line == 3)
            #expect(error.diagnostics.first?.message.hasPrefix("invalid TOML") == true)
        }
    }

    @Test func anUnclosedFenceIsAnErrorAtItsLine() {
        do {
            _ = try FrontMatter.split("\n+++\ntitle = \"A\"\nBody", file: "content/a.md")
            Issue.record("no error")
        } catch {
            #expect(error.diagnostics.first?.line == 2)
            #expect(error.diagnostics.first?.message.contains("only +++") == true)
        }
    }
}
