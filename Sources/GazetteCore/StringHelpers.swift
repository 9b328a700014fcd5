#if canImport(Glibc)
    import Glibc
#endif

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    package func trimmingWhitespace() -> String {
        // Most text has nothing to trim: an ASCII letter or mark at each end says so cheaply
        // (whitespace outside ASCII starts with a byte of 0x80 or more).
        let bytes = Substring(self).utf8
        if let first = bytes.first, let last = bytes.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(self)
        }
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }

    /// The text without the given characters at either end.
    package func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }

    /// The text without trailing spaces and tabs (line breaks are kept).
    package func trimmingTrailingSpaces() -> Substring {
        var slice = Substring(self)
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}

extension String {
    /// The text with `%XX` escapes decoded; invalid escapes, and escapes that do not decode
    /// to UTF-8, are kept as written. (On `String` itself: as a generic `StringProtocol` method
    /// it searched for `%` through unspecialized iterators, a fifth of checking links.)
    package func decodingPercentEscapes() -> String {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        let source = Array(utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
                let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}

extension UInt8 {
    /// Whether this byte is ASCII white space: space, tab, line feed, vertical tab, form feed
    /// or carriage return (what `Character.isWhitespace` says of ASCII). Inlinable: asked of
    /// every byte of every article by other modules' loops.
    @inlinable package var isASCIIWhitespace: Bool {
        self == UInt8(ascii: " ") || (0x09...0x0D).contains(self)
    }
}

/// The value of an ASCII hexadecimal digit, either case.
private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}

/// One line of a text, as `String.lines(from:number:)` walks them.
package struct TextLine {
    /// The line, without its `\n`.
    package let text: Substring
    /// Its 1-based number.
    package let number: Int
    /// Where it starts.
    package let start: String.Index
    /// Where the next line starts; `nil` when this line is the last.
    package let next: String.Index?
}

extension String {
    /// The lines from `start` on (the whole text by default), numbered from `number`, one at a
    /// time: walking them reads only as far as needed, where `split(separator:)` would cut the
    /// whole text first.
    package func lines(from start: Index? = nil, number: Int = 1) -> some Sequence<TextLine> {
        sequence(state: (start: start ?? startIndex as Index?, number: number)) { state -> TextLine? in
            guard let start = state.start else { return nil }
            let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n"))
            let line = TextLine(
                text: self[start..<(newline ?? endIndex)], number: state.number, start: start,
                next: newline.map { utf8.index(after: $0) })
            state = (line.next, state.number + 1)
            return line
        }
    }

    /// Words a shortened text should not end on.
    private static let weakEndings: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "nor",
        "during", "as", "into", "about", "over", "after", "before", "between", "its", "their", "his", "her",
        "our", "that", "which", "who", "is", "are", "was", "were", "than", "via",
    ]

    /// The text cut at a word boundary to at most `limit` characters, with `…` when cut.
    /// The cut never leaves a dangling article, preposition or conjunction at the end. Words
    /// are kept as ranges of the text and joined once: every list page shows an excerpt of
    /// each article, made again on every build.
    package func shortened(to limit: Int) -> String {
        // No more bytes than `limit` means no more characters either.
        if utf8.count <= limit { return self }
        // One character past the limit, to tell whether the last word was cut. ASCII without
        // carriage returns has one character per byte; anything else is counted by characters.
        let head: Substring
        if utf8.prefix(limit + 1).allSatisfy({ $0 < 0x80 && $0 != 13 }) {
            head = self[..<utf8.index(startIndex, offsetBy: limit + 1)]
        } else {
            guard let cut = index(startIndex, offsetBy: limit, limitedBy: endIndex), cut != endIndex else {
                return self
            }
            head = self[...cut]
        }
        var words = Self.words(of: head)
        if let last = head.unicodeScalars.last, !last.isWhitespace { words.removeLast() }
        while words.count > 1, let last = words.last,
            Self.weakEndings.contains(head[last].lowercased().trimmingCharacters(in: ",;:–—-"))
        {
            words.removeLast()
        }
        var result = ""
        result.reserveCapacity(limit + 4)
        for word in words {
            if !result.isEmpty { result += " " }
            result += head[word]
        }
        if result.isEmpty { result = String(self.prefix(limit)) }
        while let last = result.last, ",;:–—-".contains(last) { result.removeLast() }
        return result + "…"
    }

    /// The ranges of the runs of `text` between whitespace: found in its UTF-8 bytes, each
    /// scalar outside ASCII decoded only to ask whether it is white space.
    private static func words(of text: Substring) -> [Range<String.Index>] {
        var contiguous = text
        let offsets = contiguous.withUTF8 { bytes -> [Range<Int>] in
            var words: [Range<Int>] = []
            var start: Int?
            var offset = 0
            bytes.forEachScalar { scalar, end in
                let isSpace = scalar.isWhitespace
                if isSpace, let wordStart = start {
                    words.append(wordStart..<offset)
                    start = nil
                } else if !isSpace, start == nil {
                    start = offset
                }
                offset = end
            }
            if let wordStart = start { words.append(wordStart..<bytes.count) }
            return words
        }
        let base = text.utf8.startIndex
        return offsets.map {
            text.utf8.index(base, offsetBy: $0.lowerBound)..<text.utf8.index(base, offsetBy: $0.upperBound)
        }
    }

}

extension StringProtocol {
    /// The first occurrence of `needle`, found by comparing UTF-8 bytes: many times faster than
    /// the Unicode-aware `firstRange(of:)`, and the same for the ASCII markers it is used with.
    package func firstByteRange(of needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return nil }
        let found =
            utf8.withContiguousStorageIfAvailable { $0.firstOffset(of: pattern) }
            ?? Array(utf8).withUnsafeBufferPointer { $0.firstOffset(of: pattern) }
        guard let found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: found)
        return start..<utf8.index(start, offsetBy: pattern.count)
    }

    /// Whether `needle` occurs, by comparing UTF-8 bytes (see `firstByteRange(of:)`).
    package func containsBytes(_ needle: String) -> Bool {
        firstByteRange(of: needle) != nil
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is white space (Unicode's `White_Space`), as `Character.isWhitespace`
    /// says of a character that starts with it; ASCII is told without looking up properties.
    /// Inlinable, like `forEachScalar`: asked of every scalar of every article.
    @inlinable package var isWhitespace: Bool {
        isASCII ? UInt8(value).isASCIIWhitespace : properties.isWhitespace
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Calls `body` with each Unicode scalar of these bytes, valid UTF-8 as a `String` holds
    /// them, and the offset just past it: a walk over text that decodes a scalar only where a
    /// byte is not ASCII. Inlinable, so that callers in other modules get `body` inlined
    /// instead of called through a closure for every byte.
    @inlinable package func forEachScalar(_ body: (_ scalar: Unicode.Scalar, _ end: Int) -> Void) {
        var offset = 0
        while offset < count {
            let lead = self[offset]
            guard lead >= 0x80 else {
                offset += 1
                body(Unicode.Scalar(lead), offset)
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            let end = Swift.min(offset + length, count)
            var value = UInt32(lead & (0xFF >> (length + 1)))
            for index in (offset + 1)..<end { value = value << 6 | UInt32(self[index] & 0x3F) }
            offset = end
            body(Unicode.Scalar(value) ?? "\u{FFFD}", offset)
        }
    }

    /// The offset at which `pattern` first occurs, at or after `start`; `nil` when it does
    /// not, or when `pattern` is empty. Candidates are found with `memchr`, which looks at many
    /// bytes at a time, and checked with `memcmp`.
    package func firstOffset(of pattern: [UInt8], from start: Int = 0) -> Int? {
        let length = pattern.count
        guard let first = pattern.first, count >= length, start >= 0, let base = baseAddress else { return nil }
        let last = count - length
        var index = start
        return pattern.withUnsafeBufferPointer { wanted in
            while index <= last {
                guard let found = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                index = found.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
                if length == 1 || memcmp(base + index + 1, wanted.baseAddress! + 1, length - 1) == 0 { return index }
                index += 1
            }
            return nil
        }
    }
}
