import JuryMedia
import JuryCanvas
import JuryTestSupport
import Testing

@Suite struct SymbolRendererTests {
    private func cat() throws -> DecodedImage { try MediaFixtures.decode("formats/cat.png") }

    @Test func mosaicsKeepTheAspectRatioWithinTheRegion() throws {
        let size = SymbolRenderer.fittedSize(of: try cat(), in: Size(rows: 40, columns: 100))
        #expect(size == Size(rows: 33, columns: 100))
        #expect(SymbolRenderer.fittedSize(of: try cat(), in: Size(rows: 10, columns: 100)) == Size(rows: 10, columns: 30))
    }

    @Test(arguments: SymbolSet.allCases)
    func symbolOutputIsPinned(symbols: SymbolSet) throws {
        let canvas = SymbolRenderer.cells(of: try cat(), fitting: Size(rows: 12, columns: 36),
                                          options: RenderOptions(symbols: symbols, colors: .trueColor))
        Golden.assertText(canvas, named: "cat-\(symbols.rawValue)")
        Golden.assertColors(canvas, named: "cat-\(symbols.rawValue)")
    }

    @Test func palette256AndMonochromeArePinned() throws {
        let indexed = SymbolRenderer.cells(of: try cat(), fitting: Size(rows: 12, columns: 36), options: RenderOptions(colors: .palette256))
        Golden.assertColors(indexed, named: "cat-palette256")
        #expect(indexed.cells.allSatisfy { cell in
            [cell.colors?.foreground, cell.colors?.background].allSatisfy { if case .indexed(let i)? = $0 { i >= 16 } else { $0 == nil } }
        })
        let mono = SymbolRenderer.cells(of: try cat(), fitting: Size(rows: 12, columns: 36), options: RenderOptions(colors: .monochrome))
        Golden.assertText(mono, named: "cat-monochrome")
        #expect(mono.cells.allSatisfy { $0.colors == nil })
    }

    @Test func renderingIsDeterministic() throws {
        let options = RenderOptions(symbols: .sextants, colors: .trueColor)
        let first = SymbolRenderer.cells(of: try cat(), fitting: Size(rows: 20, columns: 60), options: options)
        let second = SymbolRenderer.cells(of: try cat(), fitting: Size(rows: 20, columns: 60), options: options)
        #expect(first == second)
    }

    @Test("a mosaic drawn on 2 threads is the one drawn on 1, in every colour depth", arguments: ColorDepth.allCases)
    func threadsDoNotChangeTheMosaic(colors: ColorDepth) throws {
        let options = RenderOptions(symbols: .quadrants, colors: colors), size = Size(rows: 40, columns: 100)
        let one = SymbolRenderer.cells(of: try cat(), fitting: size, options: options, threads: 1)
        let two = SymbolRenderer.cells(of: try cat(), fitting: size, options: options, threads: 2)
        #expect(one.size == Size(rows: 33, columns: 100))
        #expect(one == two)
    }

    @Test func colorDepthFollowsTheEnvironment() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminalHasColors: true) == .monochrome)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalHasColors: true) == .trueColor)
        #expect(ColorDepth.detect(environment: ["TERM": "xterm-256color"], terminalHasColors: true) == .palette256)
        #expect(ColorDepth.detect(environment: [:], terminalHasColors: false) == .monochrome)
    }
}
