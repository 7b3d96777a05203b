import JuryMedia
import JuryCanvas
import Testing

@Suite struct GraphicsTests {
    @Test func detectionFromTheEnvironment() {
        #expect(GraphicsMode.resolve(requested: nil, environment: ["TERM": "xterm-kitty"]) == .kitty)
        #expect(GraphicsMode.resolve(requested: nil, environment: ["KITTY_WINDOW_ID": "1", "TMUX": "/tmp/t"]) == .symbols)
        #expect(GraphicsMode.resolve(requested: nil, environment: ["TERM_PROGRAM": "iTerm.app"]) == .iterm)
        #expect(GraphicsMode.resolve(requested: nil, environment: ["TERM": "foot"]) == .sixel)
        #expect(GraphicsMode.resolve(requested: nil, environment: ["TERM": "xterm-256color"]) == .symbols)
        #expect(GraphicsMode.resolve(requested: nil, environment: ["TERM": "screen-256color", "KITTY_WINDOW_ID": "1"]) == .symbols)
    }

    @Test func theOptionBeatsTheVariableWhichBeatsDetection() {
        let environment = ["TERM": "xterm-kitty", "JURY_GRAPHICS": "sixel"]
        #expect(GraphicsMode.resolve(requested: nil, environment: environment) == .sixel)
        #expect(GraphicsMode.resolve(requested: GraphicsMode.none, environment: environment) == GraphicsOutput.none)
        #expect(GraphicsMode.resolve(requested: .auto, environment: ["JURY_GRAPHICS": "auto", "TERM": "xterm-kitty"]) == .kitty)
    }

    private func pipeline(_ output: GraphicsOutput) -> MediaPipeline {
        MediaPipeline(reader: MediaReader(roots: ObjectRoots([MediaFixtures.path("objects")])), output: output)
    }

    private let cat = MediaReference(source: .s3(bucket: "ugc-uploads", key: "2024/05/img-0014.jpg", version: nil))

    @Test func symbolsNeverCarryPixelProtocolBytes() {
        let picture = pipeline(.symbols).picture(of: cat, fitting: Size(rows: 10, columns: 30))
        #expect(picture.graphics == nil && picture.problem == nil)
        #expect(picture.canvas.cells.allSatisfy { !$0.grapheme.unicodeScalars.contains("\u{1B}") })
        #expect(picture.canvas.cells.contains { $0.colors != nil })
    }

    @Test(arguments: [(GraphicsOutput.sixel, "\u{1B}P"), (.kitty, "\u{1B}_G"), (.iterm, "\u{1B}]1337;File=")])
    func pixelProtocolsArePlacedOnlyWhenAskedAndInsideTheirRegion(output: GraphicsOutput, prefix: String) throws {
        let picture = pipeline(output).picture(of: cat, fitting: Size(rows: 10, columns: 30))
        let graphics = try #require(picture.graphics)
        #expect(String(decoding: graphics.payload, as: UTF8.self).contains(prefix))
        #expect(graphics.region.rows <= 10 && graphics.region.columns <= 30 && graphics.region.row == 0 && graphics.region.column == 0)
        #expect(picture.canvas.cells.allSatisfy { $0 == .blank() })
        let moved = try #require(picture.graphics(at: Point(row: 3, column: 40)))
        #expect(moved.region == Rect(row: 3, column: 40, rows: graphics.region.rows, columns: graphics.region.columns))
    }

    @Test func insideTmuxPixelBytesAreWrappedForPassthrough() throws {
        #expect(PixelRenderer.tmuxWrapped(Array("\u{1B}Pq#0\u{1B}\\".utf8)) == Array("\u{1B}Ptmux;\u{1B}\u{1B}Pq#0\u{1B}\u{1B}\\\u{1B}\\".utf8))
        #expect(GraphicsMode.insideTmux(["TMUX": "/tmp/tmux-0/default,1,0"]) && !GraphicsMode.insideTmux([:]))
        var wrapped = pipeline(.sixel)
        wrapped.tmuxPassthrough = true
        let payload = try #require(wrapped.picture(of: cat, fitting: Size(rows: 10, columns: 30)).graphics?.payload)
        #expect(payload.starts(with: Array("\u{1B}Ptmux;".utf8)))
    }

    @Test func scriptedTerminalRecordsPlacementsSeparately() {
        let terminal = ScriptedTerminal(size: Size(rows: 5, columns: 10))
        terminal.present(Canvas(size: Size(rows: 5, columns: 10)))
        terminal.present(Canvas(size: Size(rows: 5, columns: 10)), graphics: [GraphicsPlacement(region: Rect(row: 1, column: 1, rows: 2, columns: 2), kind: .sixel, payload: [1])])
        #expect(terminal.presentedGraphics.map(\.count) == [0, 1])
    }
}
