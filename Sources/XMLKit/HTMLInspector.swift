import CLibXML2
public import GazetteCore

/// Checks an HTML page with libxml2's HTML parser and lists what it links to.
public enum HTMLInspector {
    /// What inspecting one page found.
    public struct Report: Sendable, Hashable {
        /// Markup errors: mismatched or stray tags, bad entities, duplicate `id`s, said of the
        /// page's name.
        public let diagnostics: [Diagnostic]
        /// Every `id` in the page.
        public var ids: Set<String> {
            switch storedIDs {
            case .ids(let ids): ids
            case .packed(let bytes): Set(Self.unpackTexts(bytes) ?? [])
            }
        }
        /// The ids as found, or as a cache file keeps them (sorted, packed): a report read back
        /// is asked only whether it has an id a link points at (`hasID`), and a site's pages
        /// hold hundreds of thousands.
        let storedIDs: StoredIDs

        enum StoredIDs: Sendable {
            case ids(Set<String>)
            case packed([UInt8])
        }

        /// Whether the page has an element with the id `id`, compared code point by code point
        /// as browsers match a fragment (an `é` written as `e` and a combining accent is another
        /// id), whether the report was made or read back.
        public func hasID(_ id: String) -> Bool {
            switch storedIDs {
            case .ids(let ids):
                // A set holds one of each canonically equivalent spelling: the one it finds is
                // the only one that can be the same code points.
                ids.firstIndex(of: id).map { ids[$0].utf8.elementsEqual(id.utf8) } ?? false
            case .packed(let bytes): Self.packedTexts(bytes, contain: id)
            }
        }
        /// Every URL the page refers to, with where it stands.
        public var references: [Reference] {
            switch storedReferences {
            case .references(let references): references
            case .packed(let bytes): Self.unpack(bytes) ?? []
            }
        }
        /// The references as found, or as a cache file keeps them (`pack`): a report read back
        /// unpacks them only when asked, as a rebuild checks the links of few pages again.
        let storedReferences: StoredReferences

        enum StoredReferences: Sendable {
            case references([Reference])
            case packed([UInt8])
        }

        /// A report of what a page holds.
        public init(diagnostics: [Diagnostic], ids: Set<String>, references: [Reference]) {
            self.init(diagnostics: diagnostics, storedIDs: .ids(ids), storedReferences: .references(references))
        }

        init(diagnostics: [Diagnostic], storedIDs: StoredIDs, storedReferences: StoredReferences) {
            self.diagnostics = diagnostics
            self.storedIDs = storedIDs
            self.storedReferences = storedReferences
        }

        public static func == (left: Report, right: Report) -> Bool {
            left.diagnostics == right.diagnostics && left.ids == right.ids && left.references == right.references
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(diagnostics)
            hasher.combine(ids)
            hasher.combine(references)
        }
    }

    /// A URL an element refers to.
    public struct Reference: Sendable, Hashable, Codable {
        /// The attribute that holds it, such as `href` or `srcset`.
        public let attribute: String
        /// The URL as written.
        public let url: String
        /// The line of the element.
        public let line: Int
    }

    /// libxml2's reports that are no problem in a page: it knows HTML 4 only, so it reports
    /// HTML5 elements (`article`, `nav`, `time`) as unknown (a dozen times a page); and its
    /// duplicate-id report is replaced by ours, which names the first use.
    private static let ignoredCodes: Set<Int32> = [
        Int32(XML_HTML_UNKNOWN_TAG.rawValue), Int32(XML_DTD_ID_REDEFINED.rawValue),
    ]

    /// The attributes that hold a URL the browser fetches or follows, by element.
    private static let referenceAttributes: [String: Set<String>] = [
        "a": ["href"], "link": ["href"], "img": ["src", "srcset"], "script": ["src"], "iframe": ["src"],
        "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"], "area": ["href"],
        "form": ["action"],
    ]

    /// Parses and inspects a page.
    /// - Parameters:
    ///   - html: The page.
    ///   - name: A name for diagnostics.
    public static func inspect(_ html: String, name: String = "page.html") -> Report {
        var html = html
        return html.withUTF8 { inspect(utf8: $0, name: name) }
    }

    /// Parses and inspects a page given as its UTF-8 bytes, as a build holds the pages it
    /// wrote: read as they are, without first being made into a `String`.
    /// - Parameters:
    ///   - bytes: The page, UTF-8.
    ///   - name: A name for diagnostics.
    public static func inspect(utf8 bytes: [UInt8], name: String = "page.html") -> Report {
        bytes.withUnsafeBufferPointer { inspect(utf8: $0, name: name) }
    }

    private static func inspect(utf8 bytes: UnsafeBufferPointer<UInt8>, name: String) -> Report {
        let (scan, parserDiagnostics) = HTMLScan.read(bytes, name: name, ignoring: ignoredCodes)
        var diagnostics = (parserDiagnostics + scan.problems).map { $0.diagnostic(file: name, rule: $0.htmlRule) }
        // Past the nesting limit reading stops, and every element still open would look
        // unclosed: say the cause once instead of hundreds of echoes.
        if let line = scan.tooDeepAt {
            diagnostics = [
                Diagnostic(
                    .error, file: name, line: line,
                    "elements are nested more than \(HTMLScan.maximumDepth) deep here, past what the checker (and many browsers) follow; flatten the markup",
                    rule: "html-nesting-depth")
            ]
        }
        var ids: [String: Int] = [:]
        var references: [Reference] = []
        var sourceSets: [Reference] = []
        for attribute in scan.attributes {
            if attribute.name == "id" {
                if let first = ids[attribute.value] {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: name, line: attribute.line,
                            "duplicate id '\(attribute.value)' (first used on line \(first))", rule: "html-duplicate-id"
                        ))
                } else {
                    ids[attribute.value] = attribute.line
                }
            }
            guard referenceAttributes[attribute.element]?.contains(attribute.name) == true else { continue }
            guard attribute.name == "srcset" else {
                references.append(Reference(attribute: attribute.name, url: attribute.value, line: attribute.line))
                continue
            }
            for candidate in attribute.value.split(separator: ",") {
                guard let url = candidate.split(separator: " ").first else { continue }
                sourceSets.append(Reference(attribute: "srcset", url: String(url), line: attribute.line))
            }
        }
        return Report(
            diagnostics: diagnostics.sorted { $0.line < $1.line }, ids: Set(ids.keys),
            references: references + sourceSets)
    }
}
