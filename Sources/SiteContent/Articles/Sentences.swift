import GazetteCore

/// Finds sentence boundaries in prose without stopping at abbreviations ("U.S.", "Mr.",
/// "e.g."), initials ("J. Smith") or decimals ("2.7").
enum Sentences {
    /// Abbreviations after which a full stop does not end a sentence (lower-cased, without dots).
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "sen", "rep", "gov", "lt", "col",
        "capt", "sgt", "rev", "hon", "pres", "inc", "ltd", "co", "corp", "dept", "univ", "assn", "bros", "no",
        "vs", "etc", "eg", "ie", "cf", "al", "approx", "est", "fig", "vol", "ed", "eds", "p", "pp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "us", "uk", "eu", "un", "usa", "am", "pm",
    ]

    /// The first sentence of `text`, with its closing punctuation; the whole text when it has
    /// only one sentence.
    static func first(in text: String) -> String {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            if ".!?".contains(characters[index]), endsSentence(characters, at: index) {
                var end = index + 1
                while end < characters.count, "\"'”’)»".contains(characters[end]) { end += 1 }
                return String(characters[..<end]).trimmingWhitespace()
            }
            index += 1
        }
        return text.trimmingWhitespace()
    }

    /// Whether the punctuation at `index` ends a sentence.
    private static func endsSentence(_ characters: [Character], at index: Int) -> Bool {
        var next = index + 1
        while next < characters.count, ".!?\"'”’)»".contains(characters[next]) { next += 1 }
        guard next < characters.count else { return true }
        guard characters[next].isWhitespace else { return false }
        while next < characters.count, characters[next].isWhitespace { next += 1 }
        guard next < characters.count else { return true }
        let following = characters[next]
        let startsSentence =
            following.isUppercase || following.isNumber || "\"'“‘(«".contains(following) || !following.isCased
        guard startsSentence else { return false }
        guard characters[index] == "." else { return true }
        let word = wordBefore(characters, at: index)
        if abbreviations.contains(word.lowercased().replacing(".", with: "")) { return false }
        // A single capital letter before the stop is an initial: "J. Smith".
        if word.count == 1, word.first?.isUppercase == true { return false }
        // "U.S." and other dotted abbreviations.
        if word.contains(".") { return false }
        return true
    }

    /// The word that ends at `index` (exclusive), dots inside it included.
    private static func wordBefore(_ characters: [Character], at index: Int) -> String {
        var start = index
        while start > 0, characters[start - 1].isLetter || characters[start - 1] == "." { start -= 1 }
        return String(characters[start..<index])
    }
}
