import SiteModel
import Syndication

/// The text of an article's front matter, in the syntax its fences announce.
struct FrontMatterBlock: Sendable, Hashable {
    /// The languages front matter can be written in.
    enum Syntax: Sendable, Hashable {
        /// YAML between `---` lines.
        case yaml
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
    func parse(file: String) throws(BuildFailure) -> (any FrontMatterValues)? {
        switch syntax {
        case .yaml: try YAMLMapping.parse(text, file: file, lineOffset: firstLine - 1)
        }
    }
}

/// Keyed values read from front matter, whatever its syntax; accessors report errors at the
/// file line of the offending value.
protocol FrontMatterValues {
    /// The file the values came from, for diagnostics.
    var file: String { get }
    /// The keys present, in file order.
    var keys: [String] { get }
    /// The file line of a key, or of the block when the key is absent.
    func line(of key: String) -> Int
    /// A scalar value as text; `nil` when absent or null.
    func string(_ key: String) throws(BuildFailure) -> String?
    /// A boolean; `nil` when absent.
    func bool(_ key: String) throws(BuildFailure) -> Bool?
    /// A whole number; `nil` when absent.
    func int(_ key: String) throws(BuildFailure) -> Int?
    /// A list of text values, also accepted as one comma-separated text; `nil` when absent.
    func strings(_ key: String) throws(BuildFailure) -> [String]?
    /// A person, written as a name or as a mapping with `name`, `email` and `uri`; `nil` when absent.
    func person(_ key: String) throws(BuildFailure) -> Person?
}

extension FrontMatterValues {
    /// The first of several aliases (`updated`, `lastmod`) that is present; the first alias
    /// when none is.
    func key(_ aliases: String...) -> String {
        let present = Set(keys)
        return aliases.first(where: present.contains) ?? aliases[0]
    }

    /// An error at the line of `key`.
    func error(_ key: String, _ message: String) -> BuildFailure {
        BuildFailure(.error(file, line: line(of: key), message))
    }
}
