public import GazetteCore
import XMLKit

/// A sitemap (sitemaps.org protocol 0.9): the pages a site wants search engines to know.
public struct Sitemap: Sendable, Hashable {
    /// The sitemap namespace.
    public static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

    /// One page.
    public struct Page: Sendable, Hashable {
        /// The page's absolute URL.
        public var url: String
        /// When the page last changed, if known.
        public var lastModified: Timestamp?

        /// Creates a page entry.
        public init(url: String, lastModified: Timestamp? = nil) {
            self.url = url
            self.lastModified = lastModified
        }
    }

    /// The most URLs one sitemap may list (sitemaps.org); larger sites need a `SitemapIndex`.
    public static let maximumPages = 50_000

    /// The pages, in the order they are listed.
    public var pages: [Page]

    /// Creates a sitemap.
    public init(pages: [Page]) {
        self.pages = pages
    }

    /// The sitemap as XML.
    public func xml() -> String {
        Self.xml(root: "urlset", entry: "url", pages)
    }

    /// A list of locations with their last change: a sitemap's `urlset` of `url`s, or an
    /// index's `sitemapindex` of `sitemap`s.
    static func xml(root: String, entry: String, _ pages: [Page]) -> String {
        var xml = XMLBuilder()
        xml.characterReferencesInText = false
        xml.open(root, ["xmlns": namespace])
        for page in pages {
            xml.open(entry)
            xml.element("loc", page.url)
            xml.element("lastmod", page.lastModified?.rfc3339)
            xml.close(entry)
        }
        xml.close(root)
        return xml.text
    }
}

/// A sitemap index: the sitemaps of a site with more pages than one sitemap may list.
public struct SitemapIndex: Sendable, Hashable {
    /// The sitemaps, each an absolute URL with the newest change among its pages.
    public var sitemaps: [Sitemap.Page]

    /// Creates a sitemap index.
    public init(sitemaps: [Sitemap.Page]) {
        self.sitemaps = sitemaps
    }

    /// The index as XML.
    public func xml() -> String {
        Sitemap.xml(root: "sitemapindex", entry: "sitemap", sitemaps)
    }
}

/// Checks sitemaps and sitemap indexes against the sitemaps.org 0.9 XML Schemas.
///
/// Not `Sendable`: it holds a compiled libxml2 schema. Make one per thread.
public final class SitemapValidator {
    private let schema: XSDSchema

    /// Compiles the sitemaps.org schema.
    public init() {
        do {
            schema = try XSDSchema(SitemapSchema.xsd)
        } catch {
            preconditionFailure("The built-in sitemap schema does not compile: \(error)")
        }
    }

    /// Validates a sitemap document.
    /// - Parameters:
    ///   - text: The document's text.
    ///   - name: The document's name, which the diagnostics are said of.
    /// - Returns: Every problem found; empty when the sitemap is valid.
    public func validate(_ text: String, named name: String = "sitemap.xml") -> [Diagnostic] {
        validate(bytes: Array(text.utf8), named: name)
    }

    /// `validate(_:named:)` for a document as stored, in any encoding XML allows.
    func validate(bytes: [UInt8], named name: String) -> [Diagnostic] {
        check(bytes).map { $0.in(name) }
    }

    private func check(_ bytes: [UInt8]) -> [Diagnostic] {
        // Entity declarations are refused before parsing, as in feeds: no expansion, no
        // external entity, and a message that says so rather than libxml2's.
        let (parsed, parseIssues) = XMLSafety.parse(bytes, name: "sitemap.xml")
        guard let document = parsed else { return parseIssues }
        var issues = schema.validate(document, rule: "sitemap-schema")
        let locations = document.select(
            "/s:urlset/s:url/s:loc | /s:sitemapindex/s:sitemap/s:loc", namespaces: ["s": Sitemap.namespace])
        if locations.count > Sitemap.maximumPages {
            issues.append(
                Diagnostic(
                    rule: "sitemap-size",
                    message:
                        "a sitemap or sitemap index may list at most 50,000 URLs; this one lists \(locations.count)",
                    line: 1))
        }
        for location in locations where !URI.isAbsolute(location.value.trimmingWhitespace()) {
            issues.append(
                Diagnostic(
                    rule: "sitemap-loc-absolute", message: "'\(location.value)' is not an absolute URL",
                    line: location.line))
        }
        return issues
    }
}

/// The sitemaps.org 0.9 schemas, as its protocol page defines them: `sitemap.xsd` and
/// `siteindex.xsd` in one document (their types are the same), so either root validates.
enum SitemapSchema {
    static let xsd = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                    targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9"
                    xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                    elementFormDefault="qualified">
          <xsd:element name="sitemapindex">
            <xsd:complexType>
              <xsd:sequence>
                <xsd:element name="sitemap" maxOccurs="unbounded">
                  <xsd:complexType>
                    <xsd:sequence>
                      <xsd:element name="loc" type="tLoc"/>
                      <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
                      <xsd:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
                    </xsd:sequence>
                  </xsd:complexType>
                </xsd:element>
              </xsd:sequence>
            </xsd:complexType>
          </xsd:element>
          <xsd:element name="urlset">
            <xsd:complexType>
              <xsd:sequence>
                <xsd:element ref="url" maxOccurs="unbounded"/>
              </xsd:sequence>
            </xsd:complexType>
          </xsd:element>
          <xsd:element name="url">
            <xsd:complexType>
              <xsd:sequence>
                <xsd:element name="loc" type="tLoc"/>
                <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
                <xsd:element name="changefreq" type="tChangeFreq" minOccurs="0"/>
                <xsd:element name="priority" type="tPriority" minOccurs="0"/>
                <xsd:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
              </xsd:sequence>
            </xsd:complexType>
          </xsd:element>
          <xsd:simpleType name="tLoc">
            <xsd:restriction base="xsd:anyURI">
              <xsd:minLength value="12"/>
              <xsd:maxLength value="2048"/>
            </xsd:restriction>
          </xsd:simpleType>
          <xsd:simpleType name="tLastmod">
            <xsd:union memberTypes="xsd:date xsd:dateTime"/>
          </xsd:simpleType>
          <xsd:simpleType name="tChangeFreq">
            <xsd:restriction base="xsd:string">
              <xsd:enumeration value="always"/>
              <xsd:enumeration value="hourly"/>
              <xsd:enumeration value="daily"/>
              <xsd:enumeration value="weekly"/>
              <xsd:enumeration value="monthly"/>
              <xsd:enumeration value="yearly"/>
              <xsd:enumeration value="never"/>
            </xsd:restriction>
          </xsd:simpleType>
          <xsd:simpleType name="tPriority">
            <xsd:restriction base="xsd:decimal">
              <xsd:minInclusive value="0.0"/>
              <xsd:maxInclusive value="1.0"/>
            </xsd:restriction>
          </xsd:simpleType>
        </xsd:schema>
        """#
}
