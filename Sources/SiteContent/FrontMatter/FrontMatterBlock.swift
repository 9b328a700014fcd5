import SiteModel

/// The text of an article's front matter, in the syntax its fences announce.
struct FrontMatterBlock: Sendable, Hashable {
    /// The languages front matter can be written in.
    enum Syntax: Sendable, Hashable {
        /// YAML between `---` lines (Jekyll, Hugo, Zola).
        case yaml
        /// TOML between `+++` lines (Zola, Hugo).
        case toml
    }

    /// The block's language.
    let syntax: Syntax
    /// The text between the fences.
    let text: String
    /// The file line of the text's first line.
    let firstLine: Int

    /// Parses the block into keyed values.
    /// - Parameter file: The article, for diagnostics.
    /// - Returns: The values, or `nil` when the block holds nothing.
    func parse(file: String) throws(BuildFailure) -> FrontMatterTable? {
        switch syntax {
        case .yaml: try YAMLReader.read(text, file: file, lineOffset: firstLine - 1)
        case .toml: try TOMLReader.read(text, file: file, lineOffset: firstLine - 1)
        }
    }
}
