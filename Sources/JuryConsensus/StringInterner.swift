/// Numbers strings densely in order of first sight: an open-addressing hash table with an
/// FNV-1a hash over UTF-8, several times faster than `[String: Int]` for the short ids
/// crowd data uses (up to 8 names are found by a linear scan, which is faster still).
/// Used once per answer field by `AnswerMatrix`.
struct StringInterner {
    /// The strings; index = number.
    private(set) var names: [String] = []
    /// Slot -> number + 1 (0 = empty); capacity is a power of two kept over twice the count.
    private var slots = [Int32](repeating: 0, count: 64)

    /// The number of `name`, assigning the next one on first sight.
    mutating func number(_ name: String) -> Int {
        if names.count <= 8, let known = names.firstIndex(of: name) { return known }
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while slots[slot] != 0 {
            let known = Int(slots[slot]) - 1
            if names[known] == name { return known }
            slot = (slot + 1) & mask
        }
        names.append(name)
        slots[slot] = Int32(names.count)
        if names.count * 2 > slots.count { grow() }
        return names.count - 1
    }

    /// Doubles the table and re-inserts every number.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (i, name) in names.enumerated() {
            var slot = Self.hash(name) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i + 1)
        }
    }

    /// FNV-1a over the UTF-8 bytes, folded to a non-negative Int.
    static func hash(_ name: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var copy = name
        copy.withUTF8 { bytes in
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return Int(truncatingIfNeeded: (h ^ (h >> 29)) & 0x3FFF_FFFF_FFFF_FFFF)
    }
}
