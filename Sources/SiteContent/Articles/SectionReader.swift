package import GazetteCore
package import SiteModel

/// Reads a section's `_index.md`: its title, description and order; its body is not published.
package enum SectionReader {
    /// The section path an `_index.md` describes (`news/world`) and what it says.
    package static func read(_ file: SourceFile) throws(BuildFailure) -> (
        section: String, info: SectionInfo, warnings: [Diagnostic]
    ) {
        let section = SitePaths.section(ofFolders: file.folders)
        let split = try FrontMatter.split(file.text, file: file.path)
        guard let values = try split.block?.parse(file: file.path) else { return (section, SectionInfo(), []) }
        var info = SectionInfo(title: try values.string("title"), description: try values.string("description"))
        var warnings: [Diagnostic] = []
        if let order = try values.string("sort_by") {
            switch order {
            case "date", "none": info.order = .date
            case "title": info.order = .title
            default:
                warnings.append(
                    .warning(
                        file.path, line: values.line(of: "sort_by"),
                        "sort_by '\(order)' is not supported; sorting by date"))
            }
        }
        return (section, info, warnings)
    }
}
