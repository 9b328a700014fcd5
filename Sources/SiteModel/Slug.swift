import Foundation
import Synchronization

/// Makes URL path segments from titles, file names and tags.
public enum Slug {
    /// Transliterates to ASCII (`Café` → `cafe`, `Привет` → `privet`), lower-cases, and joins
    /// runs of anything but letters and digits with single hyphens.
    ///
    /// `+` and `#` are spelled out first so that `c++`, `c#` and `c` stay different.
    public static func make(_ text: String) -> String {
        let spelled =
            text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") })
            ? text.replacing("+", with: " plus ").replacing("#", with: " sharp ") : text
        let ascii = transliterated(spelled)
        if ascii.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(ascii) }
        var slug = ""
        var pendingHyphen = false
        for character in ascii.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                slug.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }

    /// Whether `make` can turn the words of `text` into slugs without waiting for ICU to build
    /// its rules for Chinese characters (some sixty milliseconds of one core, once per
    /// process); when it cannot, the rules start being built on a thread of their own, and a
    /// later call tells when they are.
    public static func isReady(toSlugWordsOf text: String) -> Bool {
        // The text first: opening the transliterator costs ICU ten milliseconds, which a
        // text without Chinese characters does not need.
        guard LatinTransliterator.holdsHan(text) else { return true }
        let chinese = LatinTransliterator.chinese
        guard !chinese.isWarm else { return true }
        chinese.warmUp()
        return false
    }

    /// `text` in ASCII letters, as ICU's `Any-Latin; Latin-ASCII` writes it. ASCII text skips
    /// ICU, and each word with other letters (a run between ASCII marks and spaces, which
    /// transliterates as it does inside the whole text) is transliterated once per process.
    static func transliterated(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            let isWord = Self.isWordByte(bytes[start])
            var end = start + 1
            while end < bytes.count && Self.isWordByte(bytes[end]) == isWord { end += 1 }
            let run = bytes[start..<end]
            if isWord && run.contains(where: { $0 >= 0x80 }) {
                let word = String(decoding: run, as: UTF8.self)
                let ascii =
                    LatinTransliterator.latinLetters(word) ?? transliterations.withLock({ $0[word] })
                    ?? {
                        let ascii = LatinTransliterator.serving(word).transliterate(word)
                        transliterations.withLock { $0[word] = ascii }
                        return ascii
                    }()
                result += ascii.utf8
            } else {
                result += run
            }
            start = end
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether a byte belongs to a word: an ASCII letter or digit, or part of a character
    /// outside ASCII.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Words transliterated so far in this process.
    private static let transliterations = Mutex<[String: String]>([:])

    /// `make`'s last step for ASCII text, byte by byte.
    private static func asciiSlug(_ text: String) -> String {
        var slug: [UInt8] = []
        var pendingHyphen = false
        for byte in text.utf8 {
            let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower)
            {
                if pendingHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(lower)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// Whether a file name (without extension and date) is an identifier rather than words:
    /// digits, or at least eight hexadecimal digits among which some are decimal (a word such
    /// as `defaced` is no id), with `-` or `_` between groups (`000_c94a0dcd3f8bb934`,
    /// `20240301`, a UUID). Such names make URLs nobody can read.
    public static func isOpaqueIdentifier(_ name: String) -> Bool {
        let characters = name.filter { $0 != "-" && $0 != "_" }
        guard !characters.isEmpty, characters.allSatisfy(\.isHexDigit) else { return false }
        return characters.allSatisfy(\.isNumber) || (characters.count >= 8 && characters.contains(where: \.isNumber))
    }

    /// A file name's `YYYY-MM-DD-` prefix and the rest: `2024-03-01-hello` → (`2024-03-01`, `hello`).
    public static func splitDatePrefix(_ baseName: String) -> (date: String?, rest: String) {
        let bytes = Array(baseName.utf8)
        guard bytes.count >= 10 else { return (nil, baseName) }
        for (byte, kind) in zip(bytes, "dddd-dd-dd".utf8) {
            let fits =
                kind == UInt8(ascii: "d") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == kind
            if !fits { return (nil, baseName) }
        }
        let separated = bytes.count > 10 && "-_ ".utf8.contains(bytes[10])
        return (
            String(decoding: bytes[..<10], as: UTF8.self),
            String(decoding: bytes[(separated ? 11 : 10)...], as: UTF8.self)
        )
    }
}
