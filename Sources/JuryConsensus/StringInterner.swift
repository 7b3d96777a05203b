/// Numbers strings densely in order of first sight; two strings are the same name when Swift
/// finds them equal (canonical equivalence, so `café` is one name however its accent is
/// encoded), which keeps the numbers consistent with every `String`-keyed dictionary of the
/// results. Used once per answer field by `AnswerMatrix`.
///
/// Names live in an open-addressing table keyed by `String` hashing. When repeats are
/// expected, a second table keyed by the bytes of the `String` value itself (its small-string
/// payload or its buffer reference) sits in front: crowd data repeats a few hundred reviewer
/// ids and a handful of labels a million times, and a repeat is then found without reading its
/// characters. Only representations of strings held in `names` enter that table, so their
/// buffers stay alive and unchanged, and an identical representation means identical content.
/// Both tables keep their capacity a power of two over twice their entries.
struct StringInterner {
    /// The strings; index = number.
    private(set) var names: [String] = []
    /// Hash of each name; index = number.
    private var hashes: [Int] = []
    /// Name table: slot -> number + 1 (0 = empty).
    private var slots = [Int32](repeating: 0, count: 64)
    /// Representation table; empty when repeats are not expected.
    private var remembered: [Remembered]
    /// Occupied slots of `remembered`.
    private var rememberedCount = 0

    /// Creates an empty interner; `expectingRepeats` adds the representation table, which pays
    /// off when most look-ups find a name seen before (on platforms where a `String` is two
    /// machine words).
    init(expectingRepeats: Bool) {
        let twoWords = MemoryLayout<String>.size == 2 * MemoryLayout<UInt64>.size
        remembered = expectingRepeats && twoWords ? Array(repeating: .empty, count: 64) : []
    }

    /// The number of `name`, assigning the next one on first sight.
    @inline(__always)
    mutating func number(_ name: String) -> Int {
        guard !remembered.isEmpty else { return lookUp(name) }
        let representation = Representation(of: name)
        let mask = remembered.count - 1
        var slot = representation.hash & mask
        while remembered[slot].number >= 0 {
            if remembered[slot].representation == representation { return Int(remembered[slot].number) }
            slot = (slot + 1) & mask
        }
        return remember(name, representation: representation, slot: slot)
    }

    /// Looks `name` up in the name table and, when `names` holds this very representation,
    /// enters it in the representation table at the empty `slot` where its probe ended.
    @inline(never)
    private mutating func remember(_ name: String, representation: Representation, slot: Int) -> Int {
        let number = lookUp(name)
        if Representation(of: names[number]) == representation {
            remembered[slot] = Remembered(representation: representation, number: Int32(number))
            rememberedCount += 1
            if rememberedCount * 2 > remembered.count { rememberAgain(capacity: remembered.count * 2) }
        }
        return number
    }

    /// The name-table look-up behind the representation table.
    private mutating func lookUp(_ name: String) -> Int {
        let hash = name.hashValue
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let known = Int(slots[slot]) - 1
            if hashes[known] == hash && names[known] == name { return known }
            slot = (slot + 1) & mask
        }
        names.append(name)
        hashes.append(hash)
        slots[slot] = Int32(names.count)
        if names.count * 2 > slots.count { grow() }
        return names.count - 1
    }

    /// Doubles the name table and re-inserts every number.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (i, hash) in hashes.enumerated() {
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i + 1)
        }
    }

    /// Rebuilds the representation table at `capacity` from its current entries.
    private mutating func rememberAgain(capacity: Int) {
        let entries = remembered.filter { $0.number >= 0 }
        remembered = Array(repeating: .empty, count: capacity)
        let mask = capacity - 1
        for entry in entries {
            var slot = entry.representation.hash & mask
            while remembered[slot].number >= 0 { slot = (slot + 1) & mask }
            remembered[slot] = entry
        }
    }

    /// The two machine words of a `String` value.
    private struct Representation: Equatable {
        var first: UInt64, second: UInt64

        init(first: UInt64, second: UInt64) { (self.first, self.second) = (first, second) }

        /// Requires `MemoryLayout<String>.size == 16`.
        init(of name: String) {
            (first, second) = withUnsafeBytes(of: name) { raw in
                (raw.load(as: UInt64.self), raw.load(fromByteOffset: 8, as: UInt64.self))
            }
        }

        /// A multiplicative mix of both words.
        var hash: Int {
            let mixed = (first ^ (second &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            return Int(truncatingIfNeeded: mixed ^ (mixed >> 31))
        }
    }

    /// A representation-table slot: a representation and its number (-1 = empty).
    private struct Remembered {
        var representation: Representation
        var number: Int32
        static let empty = Remembered(representation: Representation(first: 0, second: 0), number: -1)
    }
}
