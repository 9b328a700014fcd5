import Foundation
import SiteBuilder
import SiteModel

/// One build, ready to serve from memory: every file by its URL path.
struct ServedSite: Sendable {
    /// A file's body and headers.
    struct File: Sendable {
        let contents: OutputFile.Contents
        let contentType: String
    }

    /// Every file, by its path relative to the output folder (`posts/a/index.html`).
    private(set) var files: [String: File]
    /// The folder a served copy must stay inside (the site folder).
    let siteFolder: URL

    init(_ rendered: RenderedSite, siteFolder: URL) {
        var files: [String: File] = [:]
        files.reserveCapacity(rendered.files.count)
        for file in rendered.files {
            files[file.path] = File(contents: file.contents, contentType: Self.contentType(of: file))
        }
        self.files = files
        self.siteFolder = siteFolder
    }

    /// The site with `replacements` in the place of the files at their paths.
    func replacing(_ replacements: [OutputFile]) -> ServedSite {
        var site = self
        for file in replacements {
            site.files[file.path] = File(contents: file.contents, contentType: Self.contentType(of: file))
        }
        return site
    }

    /// The bytes of a file, re-checking that a copied file still resolves inside the site.
    func bytes(of file: File) -> [UInt8]? {
        switch file.contents {
        case .bytes(let bytes):
            return bytes
        case .copy(let url):
            let resolved = url.resolvingSymlinksInPath().path
            guard resolved.hasPrefix(siteFolder.resolvingSymlinksInPath().path + "/"),
                let data = FileManager.default.contents(atPath: resolved)
            else { return nil }
            return Array(data)
        case .published, .staged:
            // Only builds that publish to a folder reuse or stage pages; served sites are made whole.
            return file.contents.bytes
        }
    }

    /// Media types by output kind, then by extension.
    static func contentType(of file: OutputFile) -> String {
        switch file.kind {
        // A writer previewing a feed wants to read it: browsers show `application/xml` and
        // `application/json`, and offer the feed media types for download.
        case .feed(let format):
            return format.traits.isXML ? "application/xml; charset=utf-8" : "application/json; charset=utf-8"
        case .html, .redirect: return "text/html; charset=utf-8"
        case .sitemap: return "application/xml; charset=utf-8"
        case .text: return "text/plain; charset=utf-8"
        case .asset:
            return MediaTypes.of(file.path)
        }
    }
}
