public import Foundation
import GazetteCore

#if canImport(Glibc)
    import Glibc
#endif

/// A file of the build's own that pages are written to as they are made and read back from by
/// range (`OutputFile.Contents.staged`), through one descriptor open for as long as a page
/// refers to the file: opening it again for every page read cost two system calls a page, and
/// a build reads every new page twice (to validate it, then to publish it).
public final class StagedFile: Sendable, Hashable {
    /// Where the file is. Once it is removed, the pages that refer to it can still be read.
    public let url: URL
    /// Open for reading and writing; closed when the last page that refers to the file is freed.
    package let descriptor: Int32

    /// Takes over `descriptor`, open for reading and writing on the file at `url`.
    package init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The bytes of `range`; `nil` when they cannot all be read.
    func read(_ range: Range<Int>) -> [UInt8]? {
        PositionedIO.read(range.count, from: descriptor, at: range.lowerBound)
    }

    public static func == (lhs: StagedFile, rhs: StagedFile) -> Bool { lhs === rhs }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(self))
    }
}
