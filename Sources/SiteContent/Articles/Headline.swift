/// A title that reads as a headline, made from the first sentence of a text that has none.
enum Headline {
    /// A headline is at most this many characters.
    static let maximumLength = 90
    /// A cut shorter than this says too little; the sentence is shortened instead.
    static let minimumLength = 30

    /// Words that open a new phrase, before which a sentence can be cut and still read whole
    /// ("… on U.S. infrastructure | during a December meeting …").
    private static let phraseOpeners: Set<String> = [
        "according", "after", "although", "amid", "as", "because", "before", "but", "despite", "during", "following",
        "since", "though", "until", "when", "whereas", "which", "while", "who", "whose", "with", "without",
    ]

    /// The headline of `sentence`: the sentence itself when short enough (without its final
    /// full stop); otherwise its longest beginning that ends at a clause boundary (a comma,
    /// semicolon, colon or dash) or before a word that opens a new phrase; otherwise the
    /// sentence shortened at a word, with "…".
    static func from(_ sentence: String) -> String {
        var whole = sentence.trimmingWhitespace()
        if whole.hasSuffix("."), !whole.hasSuffix("..") { whole.removeLast() }
        guard whole.count > maximumLength else { return whole }
        let words = whole.split(separator: " ", omittingEmptySubsequences: true)
        var best: String?
        var prefix = ""
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : nil
            prefix += (prefix.isEmpty ? "" : " ") + word
            guard prefix.count <= maximumLength else { break }
            let endsClause = word.last.map { ",;:".contains($0) } ?? false
            let beforeDash = next.map { $0 == "—" || $0 == "–" || $0 == "-" } ?? false
            let beforeOpener = next.map { phraseOpeners.contains($0.lowercased()) } ?? false
            guard endsClause || beforeDash || beforeOpener else { continue }
            var cut = prefix
            while let last = cut.last, ",;:".contains(last) { cut.removeLast() }
            if cut.count >= minimumLength { best = cut }
        }
        return best ?? whole.shortened(to: maximumLength)
    }
}
