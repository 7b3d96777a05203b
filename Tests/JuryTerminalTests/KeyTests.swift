import Testing
@testable import JuryCanvas

@Suite("Keys and bindings")
struct KeyTests {
    @Test("names are readable and round-trip", arguments: [
        Key.character("a"), .character("A"), .character(" "), .character("?"), .ctrl("w"), .alt("b"),
        .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab,
        .backspace, .delete, .insert, .function(1), .function(12),
    ])
    func roundTrip(_ key: Key) {
        #expect(Key(name: key.name) == key)
    }

    @Test("some names")
    func names() {
        #expect(Key.ctrl("w").name == "ctrl-w")
        #expect(Key.enter.name == "enter")
        #expect(Key.function(1).name == "F1")
        #expect(Key.character(" ").name == "space")
        #expect(Key(name: "ctrl-W") == .ctrl("w"))
        #expect(Key(name: "bogus") == nil)
    }

    @Test("raw characters decode to keys")
    func decoder() {
        #expect(KeyDecoder.key(for: "\r") == .enter)
        #expect(KeyDecoder.key(for: "\u{17}") == .ctrl("w"))
        #expect(KeyDecoder.key(for: "\u{7F}") == .backspace)
        #expect(KeyDecoder.key(for: "\u{1B}") == .escape)
        #expect(KeyDecoder.key(for: "\t") == .tab)
        #expect(KeyDecoder.key(for: "é") == .character("é"))
        #expect(KeyDecoder.key(for: "\u{1F}") == .ctrl("_"))
        #expect(KeyDecoder.altKey(for: "b") == .alt("b"))
        #expect(KeyDecoder.altKey(for: "\u{1B}") == nil)
    }

    static let commands = CommandTable([
        Command(id: "approve", summary: "Approve", group: "Verdict"),
        Command(id: "skip", summary: "Skip", group: "Verdict"),
        Command(id: "down", summary: "Next", group: "Navigation"),
        Command(id: "help", summary: "Help", group: "General"),
    ])

    @Test("duplicate bindings are reported with their commands")
    func duplicates() {
        let bindings = KeyBindings(screen: "task", [
            .init(.character("a"), "approve"), .init(.character("s"), "skip"),
            .init(.character("j"), "down"), .init(.down, "down"), .init(.character("s"), "down"),
        ])
        let dups = bindings.duplicates()
        #expect(dups.count == 1)
        #expect(dups.first?.key == .character("s"))
        #expect(dups.first?.commands == ["skip", "down"])
        #expect(dups.first?.description == "task: s is bound to skip, down")
        #expect(bindings.keys(for: "down") == [.character("j"), .down, .character("s")])
        #expect(KeyBindings(screen: "ok", [.init(.up, "down")]).duplicates().isEmpty)
    }

    @Test("unknown command ids and duplicate command ids are reported")
    func unknown() {
        let bindings = KeyBindings(screen: "task", [.init(.character("x"), "explode")])
        #expect(bindings.unknownCommands(in: Self.commands) == ["explode"])
        let table = CommandTable([Command(id: "a", summary: "", group: ""), Command(id: "a", summary: "", group: "")])
        #expect(table.duplicateIDs == ["a"])
    }

    @Test("help overlay lines come from the tables, grouped")
    func help() {
        let bindings = KeyBindings(screen: "task", [
            .init(.character("a"), "approve"), .init(.character("j"), "down"), .init(.down, "down"),
            .init(.character("?"), "help"),
        ])
        let help = HelpOverlay(bindings: bindings, commands: Self.commands)
        #expect(help.lines.map { $0.isHeading ? "[\($0.summary)]" : "\($0.keys)=\($0.summary)" } ==
                ["[Verdict]", "a=Approve", "=", "[Navigation]", "j / down=Next", "=", "[General]", "?=Help"])
    }

    @Test("a prose line of the help keeps its placeholders' look: a literal ␛ in instructions is told from a neutralised escape")
    func helpKeepsPlaceholders() throws {
        var help = HelpOverlay(bindings: KeyBindings(screen: "task", []), commands: Self.commands)
        help.lines = [HelpOverlay.Line(keys: "", summary: Sanitizer.sanitize("a\u{1B}[2J \u{241B}[2J"), isHeading: false, isText: true)]
        var canvas = Canvas(size: Size(rows: 7, columns: 30))
        help.render(into: &canvas)
        let texts = canvas.textDump().split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let roles = canvas.roleDump().split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let row = try #require(texts.firstIndex { String($0).contains("a␛[2J ␛[2J") })
        let column = try #require(String(texts[row]).range(of: "a␛[2J").map { String(texts[row])[..<$0.lowerBound].count })
        #expect(String(roles[row][column..<(column + 10)]) == ".PPPP.....")
    }

    @Test("footer hints: one per command, cut visibly, help last and always shown")
    func footer() {
        let bindings = KeyBindings(screen: "task", [
            .init(.character("a"), "approve"), .init(.character("s"), "skip"), .init(.character("j"), "down"),
            .init(.down, "down"), .init(.character("?"), "help"),
        ])
        let footer = KeyHintsFooter(bindings: bindings, commands: Self.commands)
        #expect(footer.hints.map(\.key) == ["a", "s", "j"] && footer.help?.key == "?")
        var wide = Canvas(size: Size(rows: 1, columns: 40))
        footer.render(into: &wide, in: wide.bounds)
        #expect(wide.textDump() == " a Approve  s Skip  j Next  ? Help")
        var narrow = Canvas(size: Size(rows: 1, columns: 24))
        footer.render(into: &narrow, in: narrow.bounds)
        #expect(narrow.textDump() == " a Approve  …  ? Help")
        var tiny = Canvas(size: Size(rows: 1, columns: 12))
        footer.render(into: &tiny, in: tiny.bounds)
        #expect(tiny.textDump() == " …  ? Help")
    }
}
