import Foundation
import Synchronization

#if canImport(_FoundationICU)
    import _FoundationICU
#endif

/// ICU's `Any-Latin; Latin-ASCII` transliterator, the very one Foundation's
/// `applyingTransform` uses, opened once per process and kind of word. Foundation opens it
/// again on every call, which costs ten milliseconds and more, far more than transliterating
/// a word.
///
/// A process has two: ICU builds the rules of a script the first time a transliterator meets
/// it, while the transliterator is held, and the rules for Chinese characters take it some
/// sixty milliseconds (other scripts one or two). Words with those characters have their own
/// transliterator, so that building their rules does not hold up the other threads' words.
/// Both are the same transform, so which one serves a word never changes the result. The
/// reading stage asks first whether a text's words can be served without waiting
/// (`isWarm`), and sets aside what cannot while the rules are built on a thread of their own
/// (`warmUp()`).
final class LatinTransliterator: Sendable {
    /// The transliterator of this process for words without Chinese characters.
    static let shared = LatinTransliterator()
    /// The transliterator of this process for words with Chinese characters.
    static let chinese = LatinTransliterator()

    /// The transliterator that serves `word`.
    static func serving(_ word: String) -> LatinTransliterator {
        word.unicodeScalars.contains(where: isHan) ? chinese : shared
    }

    /// Whether the scalar is a Chinese character (Han ideographs, radicals and their
    /// extensions), by the blocks that hold them.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF, 0x3005...0x3007, 0x3021...0x3029, 0x3038...0x303B, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xF900...0xFAFF, 0x20000...0x323AF:
            true
        default: false
        }
    }

    private static let transform = "Any-Latin; Latin-ASCII"

    /// Whether a transliteration has finished: the rules of the scripts it met are built.
    private let warm = Atomic<Bool>(false)
    /// Whether `warmUp()` has started.
    private let warming = Atomic<Bool>(false)

    /// Whether this transliterator has transliterated a word, so that `chinese` serves the
    /// next without building its rules.
    var isWarm: Bool { warm.load(ordering: .acquiring) }

    /// Transliterates a Chinese character on a thread of its own, once per process, so that ICU
    /// builds its rules for Chinese while other threads go on.
    func warmUp() {
        guard warming.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        Thread.detachNewThread { _ = self.transliterate("\u{4E2D}") }
    }

    /// `word` in ASCII when it holds only ASCII and accented Latin letters that ICU writes as
    /// one ASCII letter each (`é`, `Å`, `ł`), as ICU writes it; `nil` for any other. Most
    /// words of European languages are such, and spare opening ICU's transliterator, which
    /// costs ten milliseconds once per process (see above).
    static func latinLetters(_ word: String) -> String? {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(word.utf8.count)
        for scalar in word.unicodeScalars {
            if scalar.isASCII {
                ascii.append(UInt8(scalar.value))
                continue
            }
            let offset = Int(scalar.value) - latinLettersStart
            guard offset >= 0, offset < latinLetterSpellings.count, latinLetterSpellings[offset] != UInt8(ascii: "_")
            else { return nil }
            ascii.append(latinLetterSpellings[offset])
        }
        return String(decoding: ascii, as: UTF8.self)
    }

    /// The first scalar of `latinLetterSpellings`: U+00C0.
    static let latinLettersStart = 0xC0

    /// How ICU's `Any-Latin; Latin-ASCII` writes each scalar from U+00C0 to U+024F on its
    /// own, where that is one ASCII character; `_` where it is not (`Æ`, `ß`, `Þ`: several
    /// letters, some of which depend on the next). A test holds it to ICU.
    static let latinLetterSpellings = Array(
        ("AAAAAA_CEEEEIIIIDNOOOOO*OUUUUY__aaaaaa_ceeeeiiiidnooooo/ouuuuy_yAaAaAaCcCcCcCcDd"
            + "DdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi__JjKkqLlLlLlLlLlNnNnNn_NnOoOoOo__RrRrRrSsSsSs"
            + "SsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzsbBBb___CcDDDd___EFfG__IIKkl__Nn_Oo__Pp_____tTtTU"
            + "u_VYyZz______________________AaIiOoUuUuUuUuUu_AaAa__GgGgKkOoOo__j___Gg__NnAa__Oo"
            + "AaAaEeEeIiIiOoOoRrRrUuUuSsTt__Hh_d__ZzAaEeOoOoOoOoYylntj__ACcLTsz__BU_EeJj__RrYy").utf8)

    /// Whether `text` holds a Chinese character (`isHan`), found on its UTF-8 bytes: every one
    /// is at U+2E80 or above, three or four bytes from a lead byte of 0xE2 or more.
    static func holdsHan(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while let lead = bytes[offset...].firstIndex(where: { $0 >= 0xE2 }) {
                let length = bytes[lead] >= 0xF0 ? 4 : 3
                guard lead + length <= bytes.count else { return false }
                if let scalar = String(decoding: bytes[lead..<(lead + length)], as: UTF8.self).unicodeScalars.first,
                    isHan(scalar)
                {
                    return true
                }
                offset = lead + 1
            }
            return false
        }
    }

    #if canImport(_FoundationICU)
        /// ICU's transliterator, used by one thread at a time; `nil` when ICU could not open it.
        private let transliterator: Mutex<UnsafeMutablePointer<UTransliterator?>?>

        private init() {
            var status = U_ZERO_ERROR
            let id = Array(Self.transform.utf16)
            let opened = id.withUnsafeBufferPointer {
                swift_utrans_openU($0.baseAddress, Int32($0.count), UTRANS_FORWARD, nil, 0, nil, &status)
            }
            transliterator = Mutex(status.rawValue <= U_ZERO_ERROR.rawValue ? opened : nil)
        }

        /// Whether ICU opened the transliterator; when it did not, Foundation transliterates.
        var isOpen: Bool { transliterator.withLock { $0 != nil } }

        deinit {
            transliterator.withLock { if let opened = $0 { swift_utrans_close(opened) } }
        }

        /// `text` in ASCII, as `text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false)`
        /// writes it.
        func transliterate(_ text: String) -> String {
            let source = Array(text.utf16)
            // Room for a word that grows a little; one that grows more is transliterated again.
            var capacity = source.count + 16
            while true {
                var buffer = source + [UInt16](repeating: 0, count: capacity - source.count)
                var length = Int32(source.count)
                var limit = length
                var status = U_ZERO_ERROR
                let done = transliterator.withLock { opened -> Bool in
                    guard let opened else { return false }
                    swift_utrans_transUChars(opened, &buffer, &length, Int32(capacity), 0, &limit, &status)
                    return true
                }
                guard done else { return Self.transliteratedByFoundation(text) }
                if status == U_BUFFER_OVERFLOW_ERROR {
                    capacity = max(Int(length) + 16, capacity * 2)
                    continue
                }
                guard status.rawValue <= U_ZERO_ERROR.rawValue else { return Self.transliteratedByFoundation(text) }
                warm.store(true, ordering: .releasing)
                return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
            }
        }
    #else
        private init() {}

        /// `text` in ASCII, as Foundation's `applyingTransform` writes it.
        func transliterate(_ text: String) -> String {
            Self.transliteratedByFoundation(text)
        }
    #endif

    /// `text` transliterated by Foundation, which opens the transliterator anew.
    static func transliteratedByFoundation(_ text: String) -> String {
        text.applyingTransform(StringTransform(transform), reverse: false) ?? text
    }
}
