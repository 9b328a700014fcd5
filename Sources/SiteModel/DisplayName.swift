/// Names for people made from names on disk.
public enum DisplayName {
    /// A file or folder name as a title: `my-first_post` → `My first post`; `Untitled` when
    /// the name has nothing but separators.
    public static func fromFileName(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).joined(separator: " ")
        guard let first = words.first else { return "Untitled" }
        return first.uppercased() + words.dropFirst()
    }
}
