/// Makes heading `id`s the way GitHub does: lower-cased text, spaces as hyphens, punctuation
/// dropped, letters of every script kept.
enum HeadingAnchor {
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character.isWhitespace {
                slug.append("-")
            }
        }
        return slug
    }
}
