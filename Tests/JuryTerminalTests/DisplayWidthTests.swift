import Testing
@testable import JuryCanvas

@Suite("Display width")
struct DisplayWidthTests {
    @Test("ASCII and Latin are one column")
    func narrow() {
        #expect(DisplayWidth.of("a" as Character) == 1)
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("é" as Character) == 1)
    }

    @Test("CJK, Hangul, kana and fullwidth forms are two columns", arguments: ["日", "本", "한", "カ", "Ａ", "。"])
    func wide(_ g: String) {
        #expect(DisplayWidth.of(Character(g)) == 2)
    }

    @Test("a CJK string adds up")
    func cjkString() {
        #expect(DisplayWidth.of("日本語テキスト") == 14)
        #expect(DisplayWidth.of("ab日本") == 6)
    }

    @Test("emoji: presentation, VS16, ZWJ families, skin tones, flags, keycaps")
    func emoji() {
        #expect(DisplayWidth.of("😀" as Character) == 2)
        #expect(DisplayWidth.of("❤️" as Character) == 2)          // U+2764 + VS16
        #expect(DisplayWidth.of("❤" as Character) == 1)           // text default
        #expect(DisplayWidth.of("👨‍👩‍👧‍👦" as Character) == 2)      // ZWJ family
        #expect(DisplayWidth.of("🏳️‍🌈" as Character) == 2)        // flag ZWJ sequence
        #expect(DisplayWidth.of("👍🏽" as Character) == 2)          // skin tone
        #expect(DisplayWidth.of("🇯🇵" as Character) == 2)          // regional indicator pair
        #expect(DisplayWidth.of("1️⃣" as Character) == 2)          // keycap
        #expect(DisplayWidth.of("☺︎" as Character) == 1)          // VS15 text presentation
        #expect(DisplayWidth.of("🇯🇵🇫🇷") == 4)
    }

    @Test("combining marks add nothing to their base")
    func combining() {
        let decomposed = "e\u{0301}"                                 // e + combining acute
        #expect(decomposed.count == 1)
        #expect(DisplayWidth.of(decomposed) == 1)
        #expect(DisplayWidth.of("Z\u{0351}\u{0362}\u{0329}") == 1)   // stacked marks
        #expect(DisplayWidth.of(scalar: "\u{0301}") == 0)
        #expect(DisplayWidth.of("\u{0301}" as Character) == 0)       // a lone mark
        #expect(DisplayWidth.of("한" as Character) == 2)
        #expect(DisplayWidth.of("\u{1112}\u{1161}\u{11AB}" as Character) == 2) // conjoining jamo 한
    }

    @Test("controls are zero here (the sanitizer replaces them)")
    func controls() {
        #expect(DisplayWidth.of(scalar: "\u{1B}") == 0)
        #expect(DisplayWidth.of(scalar: "\u{7F}") == 0)
        #expect(DisplayWidth.of(scalar: "\u{9B}") == 0)
    }

    @Test("tables are sorted and disjoint")
    func tables() {
        for table in [WidthTables.wide, WidthTables.zero] {
            for (a, b) in zip(table, table.dropFirst()) { #expect(a.upperBound < b.lowerBound) }
        }
    }
}
