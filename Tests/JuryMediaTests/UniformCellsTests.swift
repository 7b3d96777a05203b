import JuryCanvas
@testable import JuryMedia
import Testing

@Suite struct UniformCellsTests {
    /// A grid of `size` cells, 8x8 pixels each, whose cell (row, column) is filled by `pixel`
    /// (given the cell and the pixel's x and y inside it, RGBA).
    private func grid(_ size: Size, pixel: (Int, Int, Int, Int) -> [UInt8]) -> DecodedImage {
        let width = size.columns * 8
        var rgba: [UInt8] = []
        for y in 0..<(size.rows * 8) {
            for x in 0..<width { rgba += pixel(y / 8, x / 8, x % 8, y % 8) }
        }
        return DecodedImage(width: width, height: size.rows * 8, rgba: rgba)
    }

    /// Paper with text: white and light grey cells, a transparent strip, and a cell in three
    /// of every four carrying a glyph-like pattern of its own.
    private var paper: DecodedImage {
        grid(Size(rows: 30, columns: 41)) { row, column, x, y in
            if column == 40 { return [0, 0, 0, 0] }
            if (row * 7 + column * 3) % 4 != 0, (row + column) % 3 == 0 {
                let ink = (x * 5 + y * 3 + row + column) % 7 < 3
                return ink ? [UInt8(20 + column), 30, UInt8(40 + row), 255] : [255, 255, 255, 255]
            }
            return row % 5 == 0 ? [230, 230, 230, 255] : [255, 255, 255, 255]
        }
    }

    @Test("uniform cells drawn once per colour give chafa's own mosaic of the whole grid, in every colour depth and symbol set",
          .enabled(if: SymbolRenderer.drawsInBands), arguments: ColorDepth.allCases, SymbolSet.allCases)
    func uniformCellsMatchChafasWholeMosaic(colors: ColorDepth, symbols: SymbolSet) throws {
        let options = RenderOptions(symbols: symbols, colors: colors)
        let invoice = try MediaFixtures.decode("documents/invoice.png")
        let field = invoice.cropped(to: BoundingBox(left: 0.05, top: 0.2, width: 0.5, height: 0.1))
        for (image, size) in [(paper, Size(rows: 30, columns: 41)), (invoice, Size(rows: 60, columns: 200)),
                              (field, Size(rows: 60, columns: 200))] {
            let fitted = SymbolRenderer.fittedSize(of: image, in: size)
            let sampling = SymbolRenderer.GridSampling(image: PixelSize(width: image.width, height: image.height), cells: fitted)
            let sampled = image.rgba.withUnsafeBufferPointer { sampling.samples(of: $0, cellRows: 0..<fitted.rows) }
            let packing = try #require(SymbolRenderer.UniformCells(grid: sampled, size: fitted), "\(fitted) has uniform repeats")
            #expect(packing.packedSize.rows < fitted.rows)
            let chafas = image.rgba.withUnsafeBufferPointer {
                SymbolRenderer.chafaCells(of: $0, width: image.width, filling: fitted, options: options, chafaThreads: 1)
            }
            for threads in [1, 2] {
                #expect(SymbolRenderer.cells(of: image, fitting: size, options: options, threads: threads) == chafas,
                        "\(image.width)x\(image.height) in \(fitted) on \(threads) threads")
            }
        }
    }

    @Test("every uniform cell of one colour shares one packed cell; the others are packed one each, in order")
    func packingKeepsOneCellPerUniformColour() throws {
        let size = Size(rows: 4, columns: 6)
        let image = grid(size) { row, column, x, _ in
            if row == 3, column < 2 { return [UInt8(x * 30), 0, 0, 255] }
            return column % 2 == 0 ? [255, 255, 255, 255] : [0, 0, UInt8(row), 255]
        }
        let packing = try #require(SymbolRenderer.UniformCells(grid: image, size: size))
        // New packed cells, in order: 0 (white), 1 (row 0's blue), 7 (row 1's), 13 (row 2's), 18 and 19
        // (patterned), 21 (row 3's blue); every other cell repeats a colour met before.
        #expect(packing.packedSize == Size(rows: 2, columns: 6))
        #expect(packing.packedIndex[0] == 0 && packing.packedIndex[2] == 0 && packing.packedIndex[22] == 0)
        #expect(packing.packedIndex[1] == 1 && packing.packedIndex[5] == 1)
        #expect(packing.packedIndex[7] == 2 && packing.packedIndex[13] == 3)
        #expect(packing.packedIndex[18] == 4 && packing.packedIndex[19] == 5 && packing.packedIndex[21] == 6)
        #expect(packing.packed.width == 48 && packing.packed.height == 16)
        // The packed cell 4 holds cell 18's pixels: its red ramps with x.
        #expect(packing.packed.pixel(x: 4 * 8 + 3, y: 5) == (r: 90, g: 0, b: 0, a: 255))
    }

    @Test("a grid with few uniform repeats is not packed")
    func distinctCellsAreNotPacked() {
        let size = Size(rows: 3, columns: 5)
        let image = grid(size) { row, column, x, y in [UInt8(row * 40 + column), UInt8(x), UInt8(y), 255] }
        #expect(SymbolRenderer.UniformCells(grid: image, size: size) == nil)
    }

    @Test("a blank mosaic cell shows its left neighbour's foreground, none at a row's start")
    func blankCellsCarryTheForegroundOfTheirLeftNeighbour() {
        let red = CellColors(foreground: .indexed(1), background: .indexed(2))
        let blank = Cell(grapheme: " ", width: 1, role: .normal, colors: CellColors(foreground: .indexed(7), background: .indexed(3)))
        let block = Cell(grapheme: "▀", width: 1, role: .normal, colors: red)
        #expect(SymbolRenderer.shown(blank, after: nil).colors == CellColors(foreground: nil, background: .indexed(3)))
        #expect(SymbolRenderer.shown(blank, after: block).colors == CellColors(foreground: .indexed(1), background: .indexed(3)))
        #expect(SymbolRenderer.shown(block, after: blank) == block)
    }
}
