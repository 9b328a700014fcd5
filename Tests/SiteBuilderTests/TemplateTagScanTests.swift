import Testing

@testable import SiteBuilder

/// The template checks' scanner finds exactly what the regular expressions it replaced found,
/// on texts made of the characters that matter to them.
@Suite struct TemplateTagScanTests {
    /// Texts where the patterns backtrack or start inside a tag, then texts of up to 14
    /// characters drawn from braces, markers, stars, spaces and letters, the same every run.
    private static let texts: [String] =
        ["{{>* }}", "{{ >*a }}", "{{{> a}}}", "{{<b}}{{>c*}}", "{{a}b}}{{c}}", "{{{x}}}}", "{{\u{2028}> a\t}}"]
        + {
            let alphabet: [Character] = ["{", "{", "}", "}", ">", "<", "*", " ", "\n", "a", "b", "#", "&", "\u{A0}"]
            var random = SeededRandom(seed: 0x6A7E_77E5)
            return (0..<20_000).map { _ in String((0..<random.int(in: 0...14)).map { _ in random.pick(alphabet) }) }
        }()

    @Test func tagsAreWhatTheTagPatternMatches() {
        for text in Self.texts {
            let expected = text.matches(of: /\{\{(\{?)([^}]*)\}?\}\}/).map {
                "\(text.distance(from: text.startIndex, to: $0.range.lowerBound)) \(!$0.output.1.isEmpty) \($0.output.2)"
            }
            let found = TemplateTagScan.tags(in: text[...]).map {
                "\(text.distance(from: text.startIndex, to: $0.range.lowerBound)) \($0.isTriple) \($0.content)"
            }
            #expect(found == expected, "\(text.debugDescription)")
        }
    }

    @Test func referencesAreWhatTheirPatternsMatch() {
        let forms: [(TemplateTagScan.ReferenceForm, Regex<(Substring, Substring)>)] = [
            (.partialsAndLayouts, /\{\{\s*[<>]\s*([^\s}*]+)\s*\}\}/),
            (.anyPartial, /\{\{\s*>\s*\*?\s*([^\s}]+)\s*\}\}/),
            (.partialsAsWritten, /\{\{>\s*([^\s}*]+)\s*\}\}/),
        ]
        for (form, pattern) in forms {
            for text in Self.texts {
                let expected = text.matches(of: pattern).map { "\($0.range) \($0.output.1)" }
                let found = TemplateTagScan.references(in: text[...], form).map { "\($0.range) \($0.name)" }
                #expect(found == expected, "\(text.debugDescription)")
            }
        }
    }

    @Test func theTextsHoldWhatTheScanReads() {
        let tags = Self.texts.flatMap { TemplateTagScan.tags(in: $0[...]) }
        #expect(tags.contains { $0.isTriple } && tags.contains { !$0.isTriple })
        #expect(Self.texts.contains { !TemplateTagScan.references(in: $0[...], .anyPartial).isEmpty })
        #expect(
            Self.texts.contains {
                TemplateTagScan.references(in: $0[...], .anyPartial).contains { $0.name.hasPrefix("*") }
            })
    }
}
