/// SplitMix64 (Steele, Lea and Flood, 2014): a small seeded generator whose stream depends
/// only on its seed, for reproducible random starts.
struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator state; the seed before the first draw.
    var state: UInt64

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from (0, 1], 53-bit resolution.
    mutating func nextUnitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }
}
