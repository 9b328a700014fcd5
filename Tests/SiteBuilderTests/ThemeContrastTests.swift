import Foundation
import Testing

/// The default theme's colours meet WCAG 2.1 AA (4.5:1 for body text) in light and dark mode:
/// text, muted text and links on the page, and every code highlighting colour on code's
/// background. Read from `templates/assets/style.css` itself, so a colour changed there is
/// checked here.
@Suite
struct ThemeContrastTests {
    static let css: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appending(path: "templates/assets/style.css"), encoding: .utf8)) ?? ""
    }()

    /// The stylesheet's rules for one mode: outside the dark-mode media queries, or inside them.
    static func rules(dark: Bool) -> String {
        var light = ""
        var inside = ""
        var rest = Substring(css)
        while let start = rest.firstRange(of: "@media (prefers-color-scheme: dark) {") {
            light += rest[..<start.lowerBound]
            var depth = 1
            var index = start.upperBound
            while depth > 0, index < rest.endIndex {
                if rest[index] == "{" { depth += 1 } else if rest[index] == "}" { depth -= 1 }
                index = rest.index(after: index)
            }
            inside += rest[start.upperBound..<index]
            rest = rest[index...]
        }
        return dark ? inside : light + rest
    }

    /// `#rrggbb` values: custom properties (`--text`) and `.hl-*` classes.
    static func colours(dark: Bool) -> [String: String] {
        var found: [String: String] = [:]
        for match in rules(dark: dark).matches(of: /(--[a-z-]+):\s*(#[0-9a-fA-F]{6})/) {
            found[String(match.output.1)] = String(match.output.2)
        }
        for match in rules(dark: dark).matches(of: /\.(hl-[a-z]+)[^{]*\{\s*color:\s*(#[0-9a-fA-F]{6})/) {
            found[String(match.output.1)] = String(match.output.2)
        }
        return found
    }

    /// WCAG 2.1's contrast ratio of two `#rrggbb` colours.
    static func contrast(_ first: String, _ second: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let channels = [value >> 16, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    @Test(arguments: [false, true])
    func everyColourMeetsAA(dark: Bool) throws {
        let colours = Self.colours(dark: dark)
        let background = try #require(colours["--background"])
        let codeBackground = try #require(colours["--code-background"])
        for name in ["--text", "--muted", "--accent", "--status"] {
            let colour = try #require(colours[name])
            #expect(Self.contrast(colour, background) >= 4.5, "\(name) \(colour) on \(background)")
        }
        let highlighting = colours.filter { $0.key.hasPrefix("hl-") }
        #expect(highlighting.count >= 8, "the highlighting colours were found")
        for (name, colour) in highlighting {
            #expect(Self.contrast(colour, codeBackground) >= 4.5, "\(dark ? "dark" : "light") .\(name) \(colour)")
        }
    }

    @Test func contrastIsComputedAsWCAGDefinesIt() {
        #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.01)
        #expect(abs(Self.contrast("#777777", "#ffffff") - 4.48) < 0.01)
    }
}
