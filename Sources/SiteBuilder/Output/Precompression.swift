import CompressNIO
import NIOCore
import SiteModel

/// The gzip twins `build-site host` sends to clients that take gzip: one beside every page,
/// feed, sitemap, stylesheet, script and SVG, written with the build so no request compresses
/// anything. gzip output carries no time or name, so the same file always compresses to the
/// same bytes.
enum Precompression {
    /// Smaller files gain too little to be worth a second file.
    static let minimumSize = 256

    /// A `.gz` file for each of `files` worth compressing, whose compressed form is smaller.
    static func twins(of files: [OutputFile]) async -> [OutputFile] {
        let candidates = files.filter(isCompressible)
        let twins = await parallelMap(candidates) { file -> OutputFile? in
            guard let bytes = file.bytes, bytes.count >= minimumSize else { return nil }
            var buffer = ByteBuffer(bytes: bytes)
            let best = CompressionAlgorithm.gzip(configuration: .init(compressionLevel: .bestCompression))
            guard let compressed = try? buffer.compress(with: best), compressed.readableBytes < bytes.count
            else { return nil }
            return OutputFile(
                path: file.path + ".gz", kind: .asset, contents: .bytes(Array(compressed.readableBytesView)),
                source: file.source)
        }
        return twins.compactMap { $0 }
    }

    private static func isCompressible(_ file: OutputFile) -> Bool {
        switch file.kind {
        case .html, .redirect, .feed, .sitemap, .text: return true
        case .asset:
            let name = file.path.lowercased()
            return [".css", ".js", ".svg", ".xml", ".json", ".txt", ".xsl", ".html", ".map"].contains {
                name.hasSuffix($0)
            }
        }
    }
}
