// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Jury",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jury", targets: ["jury"]),
        .library(name: "JuryJSON", targets: ["JuryJSON"]),
        .library(name: "JuryCore", targets: ["JuryCore"]),
        .library(name: "JuryConsensus", targets: ["JuryConsensus"]),
        .library(name: "JuryCanvas", targets: ["JuryCanvas"]),
        .library(name: "JuryNCurses", targets: ["JuryNCurses"]),
        .library(name: "JuryMedia", targets: ["JuryMedia"]),
        .library(name: "JuryWorkstation", targets: ["JuryWorkstation"]),
        .library(name: "JuryService", targets: ["JuryService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(name: "JuryJSON"),
        .target(name: "JuryConsensus", dependencies: ["JuryJSON"]),
        .target(
            name: "JuryCore",
            dependencies: ["JuryJSON", "JuryConsensus", "CGlibcExtras", "CSQLiteSettings", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "JuryService",
            dependencies: [
                "JuryJSON",
                "JuryCore",
                "JuryConsensus",
                "JuryMedia",
                "CGlibcExtras",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .systemLibrary(name: "CGlibcExtras", path: "Sources/CGlibcExtras"),
        .systemLibrary(name: "CSQLiteSettings", path: "Sources/CSQLiteSettings"),
        .executableTarget(
            name: "jury",
            dependencies: [
                "JuryJSON",
                "JuryCore",
                "JuryService",
                "JuryMedia",
                "JuryCanvas",
                "JuryWorkstation",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "JuryConsensus",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "jury-bench",
            dependencies: [
                "JuryJSON", "JuryCore", "JuryService", "JuryMedia", "JuryCanvas", "JuryWorkstation",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/jury-bench"
        ),
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW", providers: [.apt(["libncurses-dev"])]),
        .target(name: "JuryCanvas"),
        .target(name: "JuryNCurses", dependencies: ["JuryCanvas", "CNCursesW", .product(name: "Yams", package: "Yams")]),
        .systemLibrary(name: "CChafa", path: "Sources/CChafa", pkgConfig: "chafa", providers: [.apt(["libchafa-dev", "libglib2.0-dev"])]),
        .systemLibrary(name: "CTurboJPEG", path: "Sources/CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CExif", path: "Sources/CExif", pkgConfig: "libexif", providers: [.apt(["libexif-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CWebP", path: "Sources/CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        .systemLibrary(name: "CGIF", path: "Sources/CGIF", providers: [.apt(["libgif-dev"])]),
        .systemLibrary(name: "CTIFF", path: "Sources/CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CPoppler", path: "Sources/CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]),
        .target(
            name: "JuryMedia",
            dependencies: ["JuryCanvas", "CChafa", "CTurboJPEG", "CJPEG", "CExif", "CPNG", "CWebP", "CGIF", "CTIFF", "CPoppler"]
        ),
        .target(name: "JuryTestSupport", dependencies: ["JuryCanvas"]),
        .target(name: "JuryWorkstation", dependencies: ["JuryJSON", "JuryCore", "JuryCanvas", "JuryNCurses", "JuryMedia"]),
        .testTarget(name: "JuryJSONTests", dependencies: ["JuryJSON"]),
        .testTarget(name: "JuryCoreTests", dependencies: ["JuryJSON", "JuryCore", "JuryConsensus", .product(name: "GRDB", package: "GRDB.swift"),
                                                        .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .testTarget(name: "JuryConsensusTests", dependencies: ["JuryConsensus"]),
        .testTarget(name: "JuryMediaTests", dependencies: ["JuryMedia", "JuryCanvas", "JuryTestSupport"], exclude: ["__Goldens__"]),
        .testTarget(name: "JuryTerminalTests", dependencies: ["JuryCanvas", "JuryNCurses", "JuryTestSupport"], exclude: ["__Goldens__"]),
        .testTarget(name: "JuryServiceTests", dependencies: [
            "JuryJSON", "JuryService", "JuryCore", "JuryMedia", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "JuryCLITests", dependencies: ["JuryJSON", "JuryCore", "JuryTestSupport", "jury", "jury-bench", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "JuryWorkstationTests",
            dependencies: [
                "JuryWorkstation", "JuryJSON", "JuryCore", "JuryService", "JuryCanvas", "JuryMedia", "JuryTestSupport", "jury", "CGlibcExtras",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["__Goldens__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
