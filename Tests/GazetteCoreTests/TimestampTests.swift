import GazetteCore
import Testing

struct TimestampTests {
    @Test(arguments: [
        ("2024-03-01", "2024-03-01T00:00:00Z"),
        ("2024-03-01 09:30", "2024-03-01T09:30:00Z"),
        ("2024-03-01T09:30:00+05:30", "2024-03-01T09:30:00+05:30"),
        ("2024-03-01T09:30:00.250-08:00", "2024-03-01T09:30:00.250-08:00"),
        ("2024-03-01 09:30:00 -0800", "2024-03-01T09:30:00-08:00"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("1969-07-20T20:17:00Z", "1969-07-20T20:17:00Z"),
    ])
    func parsesAndKeepsTheWrittenOffset(text: String, rfc3339: String) throws {
        #expect(try #require(Timestamp.parse(text)).rfc3339 == rfc3339)
    }

    @Test(arguments: [
        "2023-02-29", "2024-13-01", "2024-03-01T24:00:00Z", "March 1st", "2024-03-01T09:30:00+5:30", "2024-03-01X",
    ])
    func rejectsWhatIsNotADate(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func offsetsDoNotChangeTheInstant() throws {
        let india = try #require(Timestamp.parse("2024-03-01T09:30:00+05:30"))
        let utc = try #require(Timestamp.parse("2024-03-01T04:00:00Z"))
        #expect(india.secondsSinceEpoch == utc.secondsSinceEpoch)
        #expect(india.rfc822 == "Fri, 01 Mar 2024 09:30:00 +0530")
        #expect(utc.rfc822 == "Fri, 01 Mar 2024 04:00:00 +0000")
    }

    @Test func strictRFC3339RequiresSecondsAndAnOffset() {
        #expect(Timestamp.parseRFC3339("2024-03-01T09:30:00Z") != nil)
        #expect(Timestamp.parseRFC3339("2024-03-01T09:30:00.5+01:00") != nil)
        #expect(Timestamp.parseRFC3339("2024-03-01T09:30Z") == nil)
        #expect(Timestamp.parseRFC3339("2024-03-01T09:30:00") == nil)
        #expect(Timestamp.parseRFC3339("2024-03-01t09:30:00z") == nil)
        #expect(Timestamp.parseRFC3339("2024-03-01 09:30:00Z") == nil)
    }

    @Test func tagURIsFollowRFC4151() {
        #expect(
            TagURI.make(authority: "News.Example.org", date: "2024-03-01", specific: "/posts/café/")
                == "tag:news.example.org,2024-03-01:/posts/caf%C3%A9/")
        #expect(TagURI.isValidAuthority("example.org"))
        #expect(!TagURI.isValidAuthority("exa mple.org"))
    }

    @Test func percentEscapesDecodeOnlyWhenWhole() {
        #expect("caf%C3%A9/%2f%41".decodingPercentEscapes() == "café//A")
        #expect("100%".decodingPercentEscapes() == "100%")
        #expect("%4".decodingPercentEscapes() == "%4")
        #expect("%+1%zz%e9".decodingPercentEscapes() == "%+1%zz%e9")
        #expect("plain".decodingPercentEscapes() == "plain")
    }

    @Test func urlsResolveLikeABrowser() {
        let base = "https://example.org/blog/posts/a/"
        #expect(URI.resolve("../", against: base) == "https://example.org/blog/posts/")
        #expect(URI.resolve("#x", against: base) == "https://example.org/blog/posts/a/#x")
        #expect(URI.resolve("/img/p.png", against: base) == "https://example.org/img/p.png")
        #expect(URI.resolve("b.png?v=1", against: base) == "https://example.org/blog/posts/a/b.png?v=1")
        #expect(URI.resolve("//cdn.example.net/x", against: base) == "https://cdn.example.net/x")
        #expect(URI.resolve("mailto:a@example.org", against: base) == "mailto:a@example.org")
        #expect(URI.resolve("../../../../x", against: base) == "https://example.org/x")
        #expect(URI.resolve("./b/../c/./d", against: base) == "https://example.org/blog/posts/a/c/d")
        #expect(URI.resolve("/x/.well-known/y", against: base) == "https://example.org/x/.well-known/y")
        #expect(URI.resolve("?q=1", against: base + "#top") == "https://example.org/blog/posts/a/?q=1")
        #expect(URI.resolve("", against: base + "#top") == base)
        #expect(URI.resolve("b", against: "https://example.org") == "https://example.org/b")
        #expect(URI.isAbsolute("urn:x") && URI.isAbsolute("A+b.c-d:x"))
        #expect(
            !URI.isAbsolute("1a:x") && !URI.isAbsolute("/a:b") && !URI.isAbsolute("café:x") && !URI.isAbsolute("ab"))
        #expect(URI.origin(of: "https://example.org?x") == "https://example.org")
    }
}

@Suite struct TimestampOrderTests {
    @Test func orderAgreesWithEqualityAtOneInstant() {
        let utc = Timestamp(year: 2024, month: 3, day: 1, hour: 9)
        let paris = Timestamp(year: 2024, month: 3, day: 1, hour: 10, utcOffsetSeconds: 3600)
        #expect(utc.isSameInstant(as: paris))
        #expect(utc != paris)
        // A strict total order: exactly one of <, ==, > holds.
        #expect((utc < paris) != (paris < utc))
        #expect(!utc.isLater(than: paris) && !paris.isLater(than: utc))
    }

    @Test func laterInstantsAreLaterWhateverTheirOffsets() {
        let early = Timestamp(year: 2024, month: 3, day: 1, hour: 12, utcOffsetSeconds: 5 * 3600)
        let late = Timestamp(year: 2024, month: 3, day: 1, hour: 8)
        #expect(late.isLater(than: early))
        #expect(early < late)
    }

    @Test func fractionsCompareByValue() {
        let half = Timestamp(secondsSinceEpoch: 10, fraction: "5")
        let halfWritten = Timestamp(secondsSinceEpoch: 10, fraction: "50")
        let quarter = Timestamp(secondsSinceEpoch: 10, fraction: "25")
        #expect(half.isSameInstant(as: halfWritten))
        #expect(half.isLater(than: quarter))
        #expect(quarter < half && quarter < halfWritten)
    }
}
