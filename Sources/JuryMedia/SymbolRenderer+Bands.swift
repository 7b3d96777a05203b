import CChafa
import Dispatch
import Foundation
import JuryCanvas
import Synchronization

extension SymbolRenderer {
    /// Whether mosaics can be drawn in bands of cell rows that together are exactly the whole-image
    /// mosaic. Chafa 1.12 below work factor 0.25 samples the image onto its grid of 8x8 pixels a
    /// cell by nearest neighbour (`prepare_pixels_1_worker_nearest`), and with dithering and
    /// preprocessing off a cell's symbol and colours follow from its own 64 grid pixels alone.
    /// Other chafa versions may sample otherwise: their mosaics are drawn whole.
    static let drawsInBands = CHAFA_MAJOR_VERSION == 1 && CHAFA_MINOR_VERSION == 12 && workFactor < 0.25

    /// Grid pixels per cell side in chafa's symbol mode.
    static let cellPixels = 8

    /// Cells a band holds, about, when a mosaic is drawn on several threads: small enough that a
    /// thread kept waiting for a core holds up little of the mosaic, large enough that a band's
    /// own chafa canvas costs little beside its cells.
    static let cellsPerBand = 400

    /// The mosaic of `grid`, chafa's samples of an image (`cellPixels` x `cellPixels` grid pixels a
    /// cell, exactly `size` cells). With `threads` above 1 it is cut into bands of whole cell rows that
    /// that many threads (the calling one among them) take one at a time, chafa drawing each band on
    /// the thread that took it; the bands are the whole grid's mosaic exactly. On one thread chafa
    /// draws the grid whole. Uniform cells are drawn once per colour (`UniformCells`).
    static func cells(ofGrid grid: DecodedImage, size: Size, options: RenderOptions, threads: Int) -> Canvas {
        precondition(grid.width == size.columns * cellPixels && grid.height == size.rows * cellPixels,
                     "a grid of \(grid.width)x\(grid.height) pixels for \(size) cells")
        guard let uniform = UniformCells(grid: grid, size: size) else {
            return cells(ofEveryCellOf: grid, size: size, options: options, threads: threads)
        }
        let drawn = cells(ofEveryCellOf: uniform.packed, size: uniform.packedSize, options: options, threads: threads)
        return uniform.spread(drawn, size: size)
    }

    /// `cells(ofGrid:size:options:threads:)` with chafa drawing every cell of the grid.
    private static func cells(ofEveryCellOf grid: DecodedImage, size: Size, options: RenderOptions, threads: Int) -> Canvas {
        let bandRows = max(1, cellsPerBand / size.columns), bands = (size.rows + bandRows - 1) / bandRows
        guard threads > 1, bands > 1 else {
            return grid.rgba.withUnsafeBufferPointer { chafaCells(of: $0, width: grid.width, filling: size, options: options, chafaThreads: 1) }
        }
        let bandBytes = bandRows * cellPixels * grid.width * 4
        let band: @Sendable (Int) -> Canvas = { index in
            let rows = min(bandRows, size.rows - index * bandRows)
            return grid.rgba.withUnsafeBufferPointer { pixels in
                let bytes = UnsafeBufferPointer(rebasing: pixels[(index * bandBytes)..<min(pixels.count, (index + 1) * bandBytes)])
                return chafaCells(of: bytes, width: grid.width, filling: Size(rows: rows, columns: size.columns),
                                  options: options, chafaThreads: 1)
            }
        }
        let nextBand = Mutex(0), drawn = Mutex<[(row: Int, canvas: Canvas)]>([])
        DispatchQueue.concurrentPerform(iterations: min(threads, bands)) { _ in
            while true {
                let index = nextBand.withLock { next in
                    defer { next += 1 }
                    return next
                }
                guard index < bands else { return }
                let canvas = band(index)
                drawn.withLock { $0.append((row: index * bandRows, canvas: canvas)) }
            }
        }
        return drawn.withLock { joined($0, size: size) }
    }

    /// Bands, each with its first cell row, put together into one `size` canvas.
    static func joined(_ bands: some Sequence<(row: Int, canvas: Canvas)>, size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        for (first, band) in bands { canvas.blit(band, at: Point(row: first, column: 0)) }
        return canvas
    }

    /// Where chafa samples an image for a mosaic: the image pixel under each grid pixel, by
    /// nearest neighbour, as chafa 1.12 does below work factor 0.25.
    struct GridSampling: Sendable {
        /// Bytes a row of the image.
        let imageStride: Int
        /// The image column (row) chafa samples for each grid column (row).
        let sourceColumns: [Int], sourceRows: [Int]

        /// The sampling of an `image`-sized picture stretched over exactly `cells`.
        init(image: PixelSize, cells: Size) {
            imageStride = image.width * 4
            sourceColumns = Self.nearest(count: cells.columns * cellPixels, over: image.width)
            sourceRows = Self.nearest(count: cells.rows * cellPixels, over: image.height)
        }

        /// Chafa 1.12's nearest-neighbour source index for each of `count` grid positions over
        /// `source` pixels: position times (source * 4096 / count), over 4096, in integers.
        static func nearest(count: Int, over source: Int) -> [Int] {
            let step = source * 4096 / count
            return (0..<count).map { $0 * step / 4096 }
        }

        /// The image rows the grid pixels of `cellRows` sample lie above this row.
        func rowsSampled(by cellRows: Range<Int>) -> Int { sourceRows[cellRows.upperBound * cellPixels - 1] + 1 }

        /// The grid pixels of `cellRows`, sampled from `pixels` (the image's RGBA, row-major).
        func samples(of pixels: UnsafeBufferPointer<UInt8>, cellRows: Range<Int>) -> DecodedImage {
            let width = sourceColumns.count
            let gridRows = (cellRows.lowerBound * cellPixels)..<(cellRows.upperBound * cellPixels)
            var rgba = [UInt8](repeating: 0, count: width * gridRows.count * 4)
            let source = UnsafeRawBufferPointer(pixels)
            rgba.withUnsafeMutableBytes { out in
                var offset = 0
                for gridRow in gridRows {
                    let rowStart = sourceRows[gridRow] * imageStride
                    for column in sourceColumns {
                        out.storeBytes(of: source.loadUnaligned(fromByteOffset: rowStart + column * 4, as: UInt32.self),
                                       toByteOffset: offset, as: UInt32.self)
                        offset += 4
                    }
                }
            }
            return DecodedImage(width: width, height: gridRows.count, rgba: rgba)
        }
    }

    /// A mosaic drawn in bands of whole cell rows while its image decodes from the top down. Each
    /// band is drawn (on a serial queue of its own, on `threads` threads) as soon as the image
    /// rows its cells sample are final, so that when the last row arrives only the last band is
    /// left. The bands' cells are those `cells(of:fitting:options:threads:)` draws for the whole
    /// image (requires `drawsInBands`): each band is given chafa's own nearest-neighbour samples of
    /// the whole image on its cell rows, which chafa then takes one for one.
    /// Feed it from one thread: `rowsDecoded` as rows arrive, then `canvas()`.
    final class BandedMosaic: @unchecked Sendable {
        /// The mosaic's size in cells: the image fitted into the region.
        let size: Size
        private let options: RenderOptions
        private let threads: Int
        private let sampling: GridSampling
        private let bandRows: Int
        /// Bands handed to the queue; only the feeding thread reads or writes it.
        private var bandsStarted = 0
        private let queue = DispatchQueue(label: "jury.mosaic-bands")
        private let group = DispatchGroup()
        private let lock = NSLock()
        /// Drawn bands by their first cell row, under `lock`.
        private var drawn: [Int: Canvas] = [:]

        /// A mosaic of an `image`-sized picture fitted into `region`, in about `bands` bands.
        init(image: PixelSize, fitting region: Size, options: RenderOptions, threads: Int = SymbolRenderer.threads, bands: Int = 8) {
            size = SymbolRenderer.fittedSize(of: image, in: region)
            self.options = options
            self.threads = threads
            sampling = GridSampling(image: image, cells: size)
            bandRows = max(1, (size.rows + bands - 1) / max(1, bands))
        }

        /// Starts drawing every band whose sampled rows lie in the top `finalRows` rows of
        /// `pixels` (the image's RGBA, row-major; rows below may still be changing).
        func rowsDecoded(_ pixels: UnsafeBufferPointer<UInt8>, finalRows: Int) {
            while bandsStarted * bandRows < size.rows {
                let first = bandsStarted * bandRows, cellRows = first..<min(first + bandRows, size.rows)
                guard sampling.rowsSampled(by: cellRows) <= finalRows else { return }
                let band = sampling.samples(of: pixels, cellRows: cellRows)
                bandsStarted += 1
                queue.async(group: group) { [self] in
                    let canvas = SymbolRenderer.cells(ofGrid: band, size: Size(rows: cellRows.count, columns: size.columns),
                                                      options: options, threads: threads)
                    lock.withLock { drawn[first] = canvas }
                }
            }
        }

        /// Waits for the bands and puts them together. Precondition: every row was passed to `rowsDecoded`.
        func canvas() -> Canvas {
            group.wait()
            precondition(bandsStarted * bandRows >= size.rows, "mosaic bands left undrawn")
            return lock.withLock { SymbolRenderer.joined(drawn.map { (row: $0.key, canvas: $0.value) }, size: size) }
        }
    }
}
