// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Jury",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jury", targets: ["jury"]),
        .library(name: "JuryCore", targets: ["JuryCore"]),
        .library(name: "JuryConsensus", targets: ["JuryConsensus"]),
        .library(name: "JuryTerminal", targets: ["JuryTerminal"]),
        .library(name: "JuryWorkstation", targets: ["JuryWorkstation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "JuryConsensus"),
        .target(
            name: "JuryCore",
            dependencies: ["JuryConsensus", "CGlibcExtras", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .systemLibrary(name: "CGlibcExtras", path: "Sources/CGlibcExtras"),
        .executableTarget(
            name: "jury",
            dependencies: [
                "JuryCore",
                "JuryTerminal",
                "JuryWorkstation",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                "JuryConsensus",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW", providers: [.apt(["libncurses-dev"])]),
        .target(name: "JuryTerminal", dependencies: ["CNCursesW", .product(name: "Yams", package: "Yams")]),
        .target(name: "JuryTestSupport", dependencies: ["JuryTerminal"]),
        .target(name: "JuryWorkstation", dependencies: ["JuryCore", "JuryTerminal"]),
        .testTarget(name: "JuryCoreTests", dependencies: ["JuryCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "JuryConsensusTests", dependencies: ["JuryConsensus"]),
        .testTarget(name: "JuryTerminalTests", dependencies: ["JuryTerminal", "JuryTestSupport"], exclude: ["__Goldens__"]),
        .testTarget(name: "JuryCLITests", dependencies: ["JuryCore", "jury", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "JuryWorkstationTests",
            dependencies: [
                "JuryWorkstation", "JuryCore", "JuryTerminal", "JuryTestSupport", "jury",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["__Goldens__"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
