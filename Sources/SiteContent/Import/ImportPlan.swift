/// What `build-site import` does to bring another generator's site over: the `site.yml` to
/// write, the folders to copy where the old layout differs, and what it could not carry over.
/// Nothing of the old site is changed; the plan only adds files.
package struct ImportPlan: Sendable, Hashable {
    /// The generator the site was made for.
    package enum Generator: String, Sendable, Hashable {
        case hugo = "Hugo"
        case zola = "Zola"
        case jekyll = "Jekyll"
    }

    /// A folder (or file) to copy, both paths relative to the site folder.
    package struct Copy: Sendable, Hashable {
        package let from: String
        package let to: String
    }

    package let generator: Generator
    /// The configuration file read (`hugo.toml`, `config.toml`, `_config.yml`).
    package let configFile: String
    /// The text of the `site.yml` to write.
    package let siteYAML: String
    /// Folders to copy into the layout Gazette reads.
    package let copies: [Copy]
    /// What could not be carried over, one sentence each.
    package let notes: [String]
}
