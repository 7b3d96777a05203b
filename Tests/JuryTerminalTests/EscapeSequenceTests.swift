import Testing
@testable import JuryCanvas

/// What follows ESC: alt keys, known control sequences, unknown ones dropped whole, and ESC alone.
@Suite("Escape sequences")
struct EscapeSequenceTests {
    private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    @Test("ESC then a pause is escape; ESC and a character in time is alt; ESC and a control character is escape then it")
    func escapeAndAlt() {
        #expect(EscapeSequence.decode([]) == .incomplete)
        #expect(EscapeSequence.timedOut([]) == .escape)
        #expect(EscapeSequence.decode(scalars("x")) == .key(.alt("x"), consumed: 1))
        #expect(EscapeSequence.decode(scalars("\r")) == .key(.escape, consumed: 0))
        #expect(EscapeSequence.timedOut(scalars("[")) == .alt("["))
        #expect(EscapeSequence.timedOut(scalars("O")) == .alt("O"))
    }

    @Test("known sequences are keys", arguments: [
        ("[1~", Key.home), ("[4~", .end), ("[7~", .home), ("[8~", .end), ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown),
        ("[A", .up), ("[D", .left), ("[H", .home), ("[F", .end), ("[Z", .backTab), ("OA", .up), ("OH", .home), ("OP", .function(1)),
        ("[15~", .function(5)), ("[24~", .function(12)),
    ])
    func known(_ sequence: String, _ key: Key) {
        let following = scalars(sequence)
        for count in 1..<following.count { #expect(EscapeSequence.decode(Array(following.prefix(count))) == .incomplete) }
        #expect(EscapeSequence.decode(following) == .key(key, consumed: following.count))
    }

    @Test("unknown or malformed sequences are dropped whole, and one cut short by the delay too",
          arguments: ["[1;5A", "[200~", "[99~", "[?1049h", "OX", "[1\u{7}"])
    func dropped(_ sequence: String) {
        #expect(EscapeSequence.decode(scalars(sequence)) == .dropped)
    }

    @Test("a sequence cut short by the delay is dropped")
    func cutShort() {
        #expect(EscapeSequence.timedOut(scalars("[1")) == nil)
        #expect(EscapeSequence.timedOut(scalars("[12;")) == nil)
    }
}
