// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Gazette",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "build-site", targets: ["BuildSite"]),
        .library(name: "GazetteCore", targets: ["GazetteCore"]),
        .library(name: "XMLKit", targets: ["XMLKit"]),
        .library(name: "Syndication", targets: ["Syndication"]),
        .library(name: "SiteModel", targets: ["SiteModel"]),
        .library(name: "SiteBuilder", targets: ["SiteBuilder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // C libraries, reached through pkg-config.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),

        // The foundation every other target builds on: timestamps, URIs, XML text, diagnostics,
        // stable content digests. Knows nothing of sites, feeds or C libraries.
        .target(
            name: "GazetteCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),

        // Swift wrappers that know nothing about sites.
        .target(name: "XMLKit", dependencies: ["CLibXML2", "GazetteCore"], swiftSettings: strictSettings),
        .target(name: "MarkdownKit", dependencies: ["CCmarkGFM", "GazetteCore"], swiftSettings: strictSettings),

        // Feed model, writers and validators, and the document validator behind
        // `build-site validate`; usable on its own.
        .target(name: "Syndication", dependencies: ["GazetteCore", "XMLKit"], swiftSettings: strictSettings),

        // The site as plain values: configuration, articles, the assembled site, output files,
        // and the one place URL and feed rules live.
        .target(
            name: "SiteModel", dependencies: ["GazetteCore", "Syndication"], swiftSettings: strictSettings,
            // The ICU Foundation itself uses, for a transliterator opened once (`LatinTransliterator`).
            linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]),

        // Reading a site from disk: files, front matter, configuration, articles.
        .target(
            name: "SiteContent",
            dependencies: [
                "GazetteCore", "SiteModel", .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strictSettings
        ),

        // The site builder: rendering, validation, caching and publishing.
        .target(
            name: "SiteBuilder",
            dependencies: [
                "GazetteCore", "XMLKit", "MarkdownKit", "Syndication", "SiteModel", "SiteContent",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedTheme"]
        ),

        // The servers: `serve` (a build from memory, watching the site, reloading pages) and
        // `host` (a published folder from disk, in production).
        .target(
            name: "SiteServer",
            dependencies: [
                "GazetteCore", "SiteModel", "SiteBuilder",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ],
            swiftSettings: strictSettings
        ),

        // The command line.
        .executableTarget(
            name: "BuildSite",
            dependencies: [
                "GazetteCore", "SiteModel", "Syndication", "SiteBuilder", "SiteServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // Build-time tool that turns the top-level templates/ folder into Swift source.
        .executableTarget(name: "theme-embedder", path: "Tools/theme-embedder"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["theme-embedder"]),

        // One temporary-site helper and value builders for every test target.
        .target(
            name: "TestSupport",
            dependencies: ["GazetteCore", "SiteModel", "SiteBuilder"],
            path: "Tests/TestSupport"
        ),

        .testTarget(name: "GazetteCoreTests", dependencies: ["GazetteCore"]),
        .testTarget(name: "XMLKitTests", dependencies: ["XMLKit"]),
        .testTarget(name: "MarkdownKitTests", dependencies: ["GazetteCore", "MarkdownKit"]),
        .testTarget(
            name: "SyndicationTests",
            dependencies: ["GazetteCore", "Syndication", "XMLKit"],
            exclude: ["Corpus"]
        ),
        .testTarget(name: "SiteModelTests", dependencies: ["GazetteCore", "SiteModel", "TestSupport"]),
        .testTarget(
            name: "SiteContentTests", dependencies: ["GazetteCore", "SiteModel", "SiteContent", "TestSupport"]),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: [
                "GazetteCore", "SiteModel", "SiteContent", "SiteBuilder", "Syndication", "XMLKit", "TestSupport",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SiteServerTests",
            dependencies: ["SiteServer", "SiteBuilder", "SiteModel", "GazetteCore", "TestSupport"]),
        .testTarget(name: "BuildSiteTests", dependencies: ["BuildSite", "TestSupport"]),
    ]
)
