/// What a section's `_index.md` says about it (Hugo's branch bundles, Zola's sections).
public struct SectionInfo: Sendable, Hashable {
    /// How a section lists its articles.
    public enum Order: String, Sendable, Hashable {
        /// Newest first, the default.
        case date
        /// By title, A to Z.
        case title
    }

    /// The section's title, replacing the one made from its folder's name.
    public var title: String?
    /// A sentence about the section, for its page's description.
    public var description: String?
    /// How its list is ordered.
    public var order: Order

    /// Creates section information.
    public init(title: String? = nil, description: String? = nil, order: Order = .date) {
        self.title = title
        self.description = description
        self.order = order
    }
}
