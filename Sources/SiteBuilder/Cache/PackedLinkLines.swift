import GazetteCore

/// The source line of each link of an article, by URL, as a cache file keeps it: one run of
/// bytes, each link's line then its URL, in the URLs' order. A keyed value per link took a
/// third of the time reading renderings back.
struct PackedLinkLines: Codable, Sendable {
    let lines: [String: Int]

    init(lines: [String: Int]) {
        self.lines = lines
    }

    init(from decoder: any Decoder) throws {
        var reader = ByteRunReader(try decoder.singleValueContainer().decode([UInt8].self))
        var lines: [String: Int] = [:]
        while !reader.isAtEnd {
            guard let line = reader.number(), let url = reader.text() else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "damaged links"))
            }
            lines[url] = line
        }
        self.lines = lines
    }

    func encode(to encoder: any Encoder) throws {
        var writer = ByteRunWriter()
        for (url, line) in lines.sorted(by: { $0.key < $1.key }) {
            writer.append(line)
            writer.append(url)
        }
        var container = encoder.singleValueContainer()
        try container.encode(writer.bytes)
    }
}
