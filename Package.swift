// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Jury",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jury", targets: ["jury"]),
        .library(name: "JuryCore", targets: ["JuryCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .target(
            name: "JuryCore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "jury",
            dependencies: [
                "JuryCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .testTarget(name: "JuryCoreTests", dependencies: ["JuryCore"]),
        .testTarget(name: "JuryCLITests", dependencies: ["JuryCore", "jury"]),
    ],
    swiftLanguageModes: [.v6]
)
