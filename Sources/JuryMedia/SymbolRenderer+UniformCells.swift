import JuryCanvas

extension SymbolRenderer {
    /// A mosaic's grid with its uniform cells (all 64 grid pixels one colour: blank paper, a flat
    /// background) drawn once per colour. Where `drawsInBands` holds, a cell's symbol and colours
    /// follow from its own grid pixels alone, so chafa draws the cells that differ, packed into a
    /// smaller grid, and every uniform cell takes the symbol and colours of its colour's one
    /// representative: the mosaic is the whole grid's exactly (blank cells' foregrounds, which
    /// follow their left neighbours, are set again in place).
    struct UniformCells {
        /// Per cell of the mosaic (row-major), its position in the packed grid.
        let packedIndex: [Int32]
        /// The packed grid: the cells chafa draws, `size.columns` cells a row, the last row padded.
        let packed: DecodedImage
        let packedSize: Size

        /// The packing of `grid` (`cellPixels` grid pixels a cell, exactly `size` cells), or nil
        /// when fewer than a quarter of its cells are uniform repeats (packing would save little).
        init?(grid: DecodedImage, size: Size) {
            let cellCount = size.rows * size.columns, rowPixels = grid.width
            var packedIndex = [Int32](repeating: 0, count: cellCount)
            var sources: [Int] = []
            sources.reserveCapacity(cellCount)
            var indexOfColor: [UInt32: Int32] = [:]
            var lastColor: UInt32?, lastIndex: Int32 = 0
            grid.rgba.withUnsafeBytes { bytes in
                let pixels = bytes.assumingMemoryBound(to: UInt32.self)
                for cell in 0..<cellCount {
                    let origin = (cell / size.columns * cellPixels) * rowPixels + cell % size.columns * cellPixels
                    guard let color = Self.uniformColor(pixels, origin: origin, rowPixels: rowPixels) else {
                        packedIndex[cell] = Int32(sources.count)
                        sources.append(origin)
                        continue
                    }
                    if color != lastColor {
                        lastColor = color
                        if let known = indexOfColor[color] {
                            lastIndex = known
                        } else {
                            lastIndex = Int32(sources.count)
                            indexOfColor[color] = lastIndex
                            sources.append(origin)
                        }
                    }
                    packedIndex[cell] = lastIndex
                }
            }
            guard sources.count <= cellCount * 3 / 4 else { return nil }
            packedSize = Size(rows: (sources.count + size.columns - 1) / size.columns, columns: size.columns)
            self.packedIndex = packedIndex
            packed = Self.gather(sources, from: grid, into: packedSize)
        }

        /// The mosaic of the whole grid from `drawn`, chafa's mosaic of `packed`.
        /// Blank cells' foregrounds are those of their new left neighbours (`SymbolRenderer.shown`).
        func spread(_ drawn: Canvas, size: Size) -> Canvas {
            var canvas = Canvas(size: size), left: Cell?
            for (cell, index) in packedIndex.enumerated() {
                let index = Int(index), column = cell % size.columns
                let shown = SymbolRenderer.shown(drawn[index / packedSize.columns, index % packedSize.columns],
                                                 after: column == 0 ? nil : left)
                canvas.place(shown, row: cell / size.columns, column: column)
                left = shown
            }
            return canvas
        }

        /// The one colour of the cell whose top-left grid pixel is at `origin`, or nil if it has two.
        private static func uniformColor(_ pixels: UnsafeBufferPointer<UInt32>, origin: Int, rowPixels: Int) -> UInt32? {
            let first = pixels[origin], expected = SIMD8<UInt32>(repeating: first)
            let base = UnsafeRawPointer(pixels.baseAddress! + origin)
            for row in 0..<cellPixels {
                let values = (base + row * rowPixels * 4).loadUnaligned(as: SIMD8<UInt32>.self)
                guard values == expected else { return nil }
            }
            return first
        }

        /// The cells whose top-left grid pixels are at `sources`, in order, as a grid of `size`
        /// cells; the cells past the last are transparent black.
        private static func gather(_ sources: [Int], from grid: DecodedImage, into size: Size) -> DecodedImage {
            let width = size.columns * cellPixels, cellBytes = cellPixels * 4
            var rgba = [UInt8](repeating: 0, count: width * size.rows * cellPixels * 4)
            grid.rgba.withUnsafeBytes { source in
                rgba.withUnsafeMutableBytes { target in
                    for (position, origin) in sources.enumerated() {
                        let targetOrigin = (position / size.columns * cellPixels) * width + position % size.columns * cellPixels
                        for row in 0..<cellPixels {
                            let from = (origin + row * grid.width) * 4, to = (targetOrigin + row * width) * 4
                            target.baseAddress!.advanced(by: to).copyMemory(from: source.baseAddress!.advanced(by: from),
                                                                            byteCount: cellBytes)
                        }
                    }
                }
            }
            return DecodedImage(width: width, height: size.rows * cellPixels, rgba: rgba)
        }
    }
}
