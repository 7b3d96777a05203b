import JuryMedia
import Testing

@Suite struct GraphicsQueryTests {
    private func answers(_ text: String) -> GraphicsAnswers { GraphicsAnswers(parsing: Array(text.utf8)) }

    @Test func aKittyOKThenDeviceAttributesIsKitty() {
        let parsed = answers("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;22c")
        #expect(parsed == GraphicsAnswers(kittyGraphics: true, deviceAttributes: [62, 22]))
        #expect(parsed.output == .kitty)
    }

    @Test func deviceAttributeFourIsSixel() {
        #expect(answers("\u{1B}[?62;4;9;22c").output == .sixel)
        #expect(answers("\u{1B}[?63;1;2;4;6c").deviceAttributes == [63, 1, 2, 4, 6])
    }

    @Test func deviceAttributesWithoutFourOrAKittyAnswerAreSymbols() {
        #expect(answers("\u{1B}[?1;2c").output == .symbols)
        #expect(answers("\u{1B}[?62;14;24c").output == .symbols)
    }

    @Test func aKittyErrorOrAnotherImageIdIsNoKitty() {
        #expect(!answers("\u{1B}_Gi=31;ENOTSUPPORTED:no graphics\u{1B}\\\u{1B}[?62c").kittyGraphics)
        #expect(!answers("\u{1B}_Gi=7;OK\u{1B}\\\u{1B}[?62c").kittyGraphics)
    }

    @Test func noAnswerIsSymbolsAndIncomplete() {
        #expect(answers("") == GraphicsAnswers())
        #expect(answers("").output == .symbols)
        #expect(!GraphicsQuery.isComplete([]))
    }

    @Test func otherInputAroundTheAnswersIsSkipped() {
        let parsed = answers("x\u{1B}[1;5R\u{1B}]11;rgb:0000/0000/0000\u{1B}\\\u{1B}_Gi=31;OK\u{1B}\\junk\u{1B}[?64;4c")
        #expect(parsed == GraphicsAnswers(kittyGraphics: true, deviceAttributes: [64, 4]))
    }

    @Test func cutOrMalformedAnswersAreNotTakenForDeviceAttributes() {
        #expect(answers("\u{1B}[?62;4").deviceAttributes == nil)
        #expect(answers("\u{1B}[?6x;4c").deviceAttributes == nil)
        #expect(answers("\u{1B}[62;4c").deviceAttributes == nil)
        #expect(answers("\u{1B}_Gi=31;OK").kittyGraphics == false)
        #expect(GraphicsQuery.isComplete(Array("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62c".utf8)))
        #expect(!GraphicsQuery.isComplete(Array("\u{1B}_Gi=31;OK\u{1B}\\".utf8)))
    }

    @Test func theQueryIsKittyThenDeviceAttributesAndWrappedInsideTmux() {
        #expect(GraphicsQuery().bytes == Array("\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\\u{1B}[c".utf8))
        let wrapped = String(decoding: GraphicsQuery(tmuxPassthrough: true).bytes, as: UTF8.self)
        #expect(wrapped == "\u{1B}Ptmux;\u{1B}\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\u{1B}\\\u{1B}\\\u{1B}Ptmux;\u{1B}\u{1B}[c\u{1B}\\")
    }

    @Test func theEnvironmentAndTheOptionDecideWithoutAsking() {
        let never: () -> Bool = { Issue.record("tmux asked"); return false }
        #expect(GraphicsMode.decide(requested: .sixel, environment: ["TERM": "xterm"], tmuxPassthrough: never) == .decided(.sixel))
        #expect(GraphicsMode.decide(requested: nil, environment: ["TERM": "xterm", "JURY_GRAPHICS": "kitty", "TMUX": "/t"],
                                    tmuxPassthrough: never) == .decided(.kitty))
        #expect(GraphicsMode.decide(requested: nil, environment: ["TERM": "xterm-kitty"], tmuxPassthrough: never) == .decided(.kitty))
        #expect(GraphicsMode.decide(requested: nil, environment: ["TERM": "dumb"], tmuxPassthrough: never) == .decided(.symbols))
    }

    @Test func anInconclusiveEnvironmentAsksTheTerminal() {
        #expect(GraphicsMode.decide(requested: nil, environment: ["TERM": "xterm-256color"], tmuxPassthrough: { false }) == .ask(GraphicsQuery()))
        let sixel = GraphicsMode.resolve(requested: .auto, environment: ["TERM": "xterm-256color"], ask: { query in
            #expect(query == GraphicsQuery())
            return Array("\u{1B}[?62;4c".utf8)
        })
        #expect(sixel == .sixel)
    }

    @Test func insideTmuxTheTerminalIsAskedOnlyWithPassthroughOn() {
        let tmux = ["TERM": "screen-256color", "TMUX": "/tmp/tmux-1/default,1,0"]
        #expect(GraphicsMode.decide(requested: nil, environment: tmux, tmuxPassthrough: { false }) == .decided(.symbols))
        #expect(GraphicsMode.decide(requested: nil, environment: tmux, tmuxPassthrough: { true }) == .ask(GraphicsQuery(tmuxPassthrough: true)))
        let kitty = GraphicsMode.resolve(requested: nil, environment: tmux, tmuxPassthrough: { true }) { _ in
            Array("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?1;2c".utf8)
        }
        #expect(kitty == .kitty)
    }
}
