import Testing
@testable import JuryCanvas

/// xterm SGR mouse reports (`ESC [ < b ; x ; y M` or `m`) decoded into mouse events.
@Suite("Mouse reports")
struct MouseReportTests {
    private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    @Test("presses, releases, wheel turns and drags, at 0-based cells", arguments: [
        ("0;10;5", "M", MouseEvent(.press(button: 0), row: 4, column: 9)),
        ("0;10;5", "m", MouseEvent(.release(button: 0), row: 4, column: 9)),
        ("2;1;1", "M", MouseEvent(.press(button: 2), row: 0, column: 0)),
        ("64;80;24", "M", MouseEvent(.wheelUp, row: 23, column: 79)),
        ("65;3;7", "M", MouseEvent(.wheelDown, row: 6, column: 2)),
        ("32;4;4", "M", MouseEvent(.drag(button: 0), row: 3, column: 3)),
        ("20;4;4", "M", MouseEvent(.press(button: 0), row: 3, column: 3, shift: true, ctrl: true)),
        ("8;300;200", "M", MouseEvent(.press(button: 0), row: 199, column: 299, alt: true)),
    ] as [(String, Unicode.Scalar, MouseEvent)])
    func decoded(parameters: String, final: Unicode.Scalar, event: MouseEvent) {
        #expect(KeyDecoder.sgrMouse(parameters: parameters, final: final) == event)
    }

    @Test("only an unmodified left press is a click")
    func clicks() {
        #expect(KeyDecoder.sgrMouse(parameters: "0;1;1", final: "M")?.isLeftClick == true)
        #expect(KeyDecoder.sgrMouse(parameters: "0;1;1", final: "m")?.isLeftClick == false)
        #expect(KeyDecoder.sgrMouse(parameters: "16;1;1", final: "M")?.isLeftClick == false)
        #expect(KeyDecoder.sgrMouse(parameters: "1;1;1", final: "M")?.isLeftClick == false)
    }

    @Test("malformed reports are none", arguments: ["0;10", "0;10;5;1", "a;1;1", "0;0;5", "0;5;0", ";1;1", "66;1;1", ""])
    func malformed(parameters: String) {
        #expect(KeyDecoder.sgrMouse(parameters: parameters, final: "M") == nil)
    }

    @Test("after ESC, a report is incomplete until its final character, then a mouse event of all of it")
    func afterEscape() {
        let report = scalars("[<0;12;3M")
        for count in 1..<report.count { #expect(EscapeSequence.decode(Array(report.prefix(count))) == .incomplete) }
        #expect(EscapeSequence.decode(report) == .mouse(MouseEvent(.press(button: 0), row: 2, column: 11), consumed: report.count))
        #expect(EscapeSequence.decode(scalars("[<65;1;1M")) == .mouse(MouseEvent(.wheelDown, row: 0, column: 0), consumed: 9))
        #expect(EscapeSequence.decode(scalars("[<0;1M")) == .dropped)
        #expect(EscapeSequence.decode(scalars("[<0;1;1~")) == .dropped)
    }
}
