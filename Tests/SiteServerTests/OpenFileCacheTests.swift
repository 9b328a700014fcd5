import Foundation
import NIOCore
import TestSupport
import Testing

@testable import SiteServer

/// Files kept open between requests belong to one build of the folder: a swap empties the
/// cache, a file changed in place is seen once its entry is older than the revalidation time,
/// and the limits bound what is kept, never what is served.
struct OpenFileCacheTests {
    private func text(of file: HostedFile?) -> String? {
        file.map { String(buffer: $0.read(0...($0.size - 1), allocator: ByteBufferAllocator())) }
    }

    @Test func aFileIsKeptUntilTheFolderIsSwapped() throws {
        let site = try TemporarySite([
            "public/index.html": "first build", "next/index.html": "second build",
            "public/other.html": "first other", "next/other.html": "second other",
        ])
        let folder = site.folder.appending(path: "public").path
        let cache = OpenFileCache(revalidation: .seconds(60))
        let first = cache.files(in: folder)?.file("index.html")
        #expect(text(of: first) == "first build")
        #expect(cache.files(in: folder)?.file("index.html") === first, "kept for the next request")
        // A build's swap: a new folder under the same name, while a request is being answered.
        let answering = cache.files(in: folder)
        try FileManager.default.moveItem(atPath: folder, toPath: site.folder.appending(path: "old").path)
        try FileManager.default.moveItem(atPath: site.folder.appending(path: "next").path, toPath: folder)
        #expect(text(of: answering?.file("other.html")) == "second other", "the new build's file, not none")
        #expect(text(of: cache.files(in: folder)?.file("index.html")) == "second build")
        try FileManager.default.removeItem(atPath: folder)
        #expect(cache.files(in: folder) == nil)
    }

    @Test func aFileChangedInPlaceIsSeenAfterRevalidation() async throws {
        let site = try TemporarySite(["public/feed.xml": "old"])
        let folder = site.folder.appending(path: "public").path
        let cache = OpenFileCache(revalidation: .milliseconds(200))
        #expect(text(of: cache.files(in: folder)?.file("feed.xml")) == "old")
        try site.write("public/feed.xml", "new")
        try await Task.sleep(for: .milliseconds(300))
        #expect(text(of: cache.files(in: folder)?.file("feed.xml")) == "new")
    }

    @Test func limitsBoundWhatIsKeptNotWhatIsServed() throws {
        let site = try TemporarySite([
            "public/a.txt": String(repeating: "a", count: 600), "public/b.txt": String(repeating: "b", count: 600),
            "public/c.txt": "c",
        ])
        let folder = site.folder.appending(path: "public").path
        let cache = OpenFileCache(revalidation: .seconds(60), maximumBytes: 1000, maximumFiles: 2)
        let a = cache.files(in: folder)?.file("a.txt")
        let b = cache.files(in: folder)?.file("b.txt")
        #expect(cache.files(in: folder)?.file("a.txt") === a)
        #expect(cache.files(in: folder)?.file("b.txt") !== b, "past the byte limit: served, not kept")
        #expect(text(of: cache.files(in: folder)?.file("b.txt")) == String(repeating: "b", count: 600))
        let c = cache.files(in: folder)?.file("c.txt")
        #expect(cache.files(in: folder)?.file("c.txt") === c)
        #expect(cache.files(in: folder)?.file("missing.txt") == nil)
    }

    /// Files too large to hold in memory keep a descriptor open, and only so many do.
    @Test func largeFilesKeepFewDescriptors() throws {
        let large = String(repeating: "x", count: HostedFile.inlineSize + 1)
        let site = try TemporarySite(["public/one.bin": large, "public/two.bin": large])
        let folder = site.folder.appending(path: "public").path
        let cache = OpenFileCache(revalidation: .seconds(60), maximumDescriptors: 1)
        let one = cache.files(in: folder)?.file("one.bin")
        #expect(one?.holdsDescriptor == true && one?.heldBytes == 0)
        #expect(cache.files(in: folder)?.file("one.bin") === one)
        let two = cache.files(in: folder)?.file("two.bin")
        #expect(two != nil && cache.files(in: folder)?.file("two.bin") !== two, "past the limit: served, not kept")
    }
}
