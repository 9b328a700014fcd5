import Testing

@testable import SiteBuilder

/// A build that ends its process has the allocator keep freed memory: the settings must be
/// ones glibc takes, or the call would do nothing, silently.
@Suite struct ProcessEndTests {
    #if canImport(Glibc)
        @Test func theAllocatorTakesTheSettingsThatKeepFreedMemory() {
            #expect(ProcessEnd.keepFreedMemory())
        }
    #endif
}
