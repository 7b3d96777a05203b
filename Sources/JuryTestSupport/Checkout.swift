import Foundation

/// The checkout the tests run from.
public enum Checkout {
    /// The package's root folder: three above this file (`Sources/JuryTestSupport/Checkout.swift`).
    public static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
