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
        .library(name: "XMLKit", targets: ["XMLKit"]),
        .library(name: "Syndication", targets: ["Syndication"]),
        .library(name: "SiteBuilder", targets: ["SiteBuilder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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

        // Swift wrappers that know nothing about sites.
        .target(name: "XMLKit", dependencies: ["CLibXML2"], swiftSettings: strictSettings),
        .target(name: "MarkdownKit", dependencies: ["CCmarkGFM"], swiftSettings: strictSettings),

        // Feed model, writers and validators; usable on its own.
        .target(
            name: "Syndication",
            dependencies: ["XMLKit"],
            swiftSettings: strictSettings
        ),

        // The site builder: config, content, rendering, output.
        .target(
            name: "SiteBuilder",
            dependencies: [
                "XMLKit", "MarkdownKit", "Syndication",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedTheme"]
        ),

        // The local server: serves a build from memory, watches the site, reloads pages.
        .target(
            name: "SiteServer",
            dependencies: [
                "SiteBuilder", "Syndication",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // The command line.
        .executableTarget(
            name: "BuildSite",
            dependencies: [
                "SiteBuilder",
                "SiteServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // Build-time tool that turns the top-level templates/ folder into Swift source.
        .executableTarget(name: "theme-embedder", path: "Tools/theme-embedder"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["theme-embedder"]),

        .testTarget(name: "XMLKitTests", dependencies: ["XMLKit"]),
        .testTarget(name: "MarkdownKitTests", dependencies: ["MarkdownKit"]),
        .testTarget(name: "SyndicationTests", dependencies: ["Syndication", "XMLKit"], exclude: ["Corpus"]),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: ["SiteBuilder", "Syndication", "XMLKit"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "SiteServerTests", dependencies: ["SiteServer", "SiteBuilder"]),
        .testTarget(name: "BuildSiteTests", dependencies: ["BuildSite"]),
    ]
)
