public import Foundation
public import GazetteCore
public import SiteBuilder
public import SiteModel

/// A site folder in a fresh temporary directory, removed when the test is done with it.
public final class TemporarySite: Sendable {
    /// The site folder.
    public let folder: URL

    /// A site with the given files (path relative to the site folder → text).
    public init(_ files: [String: String] = [:]) throws {
        folder = FileManager.default.temporaryDirectory.appending(
            path: "gazette-test-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// A copy of a fixture site from `Tests/SiteBuilderTests/Fixtures/NAME`.
    public convenience init(fixture name: String) throws {
        try self.init()
        let source = Self.fixtures.appending(path: name)
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appending(path: item), to: folder.appending(path: item))
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The fixture sites, in `Tests/SiteBuilderTests/Fixtures`.
    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "SiteBuilderTests/Fixtures")

    public var output: URL { folder.appending(path: "public") }

    public func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = folder.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        // A fixed modification time keeps dates that fall back to it reproducible.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: url.path)
    }

    public func read(_ outputPath: String) throws -> String {
        try String(contentsOf: output.appending(path: outputPath), encoding: .utf8)
    }

    /// Builds the site into `public/`.
    @discardableResult
    public func build(drafts: Bool = false, validate: Bool = true) async throws(BuildFailure) -> BuildSummary {
        try await SiteBuild.run(BuildOptions(siteFolder: folder, includeDrafts: drafts, validate: validate))
    }

    /// Builds and returns the failure's diagnostics, or an empty list when the build succeeded.
    public func buildErrors() async -> [Diagnostic] {
        do {
            try await build()
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    /// Every file under `public/`, relative to it, with its bytes.
    public func outputTree() throws -> [String: Data] {
        try Self.files(under: output)
    }

    /// Every regular file under a folder, relative to it, with its bytes; empty when the folder
    /// does not exist.
    public static func files(under folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return files }
        for case let path as String in walker {
            let url = folder.appending(path: path)
            if try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}
