import CChafa
import Dispatch
import Foundation
import JuryCanvas

extension SymbolRenderer {
    /// Whether mosaics can be drawn in bands of cell rows that together are exactly the whole-image
    /// mosaic. Chafa 1.12 below work factor 0.25 samples the image onto its grid of 8x8 pixels a
    /// cell by nearest neighbour (`prepare_pixels_1_worker_nearest`), and with dithering and
    /// preprocessing off a cell's symbol and colours follow from its own 64 grid pixels alone.
    /// Other chafa versions may sample otherwise: their mosaics are drawn whole.
    static let drawsInBands = CHAFA_MAJOR_VERSION == 1 && CHAFA_MINOR_VERSION == 12 && workFactor < 0.25

    /// Grid pixels per cell side in chafa's symbol mode.
    static let cellPixels = 8

    /// A mosaic drawn in bands of whole cell rows while its image decodes from the top down. Each
    /// band is drawn (on a serial queue of its own, on `threads` chafa threads) as soon as the image
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
        /// Bytes a row of the image.
        private let imageStride: Int
        private let bandRows: Int
        /// The image column (row) chafa samples for each grid column (row).
        private let sourceColumns: [Int], sourceRows: [Int]
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
            imageStride = image.width * 4
            bandRows = max(1, (size.rows + bands - 1) / max(1, bands))
            sourceColumns = Self.nearest(count: size.columns * cellPixels, over: image.width)
            sourceRows = Self.nearest(count: size.rows * cellPixels, over: image.height)
        }

        /// Chafa 1.12's nearest-neighbour source index for each of `count` grid positions over
        /// `source` pixels: position times (source * 4096 / count), over 4096, in integers.
        static func nearest(count: Int, over source: Int) -> [Int] {
            let step = source * 4096 / count
            return (0..<count).map { $0 * step / 4096 }
        }

        /// Starts drawing every band whose sampled rows lie in the top `finalRows` rows of
        /// `pixels` (the image's RGBA, row-major; rows below may still be changing).
        func rowsDecoded(_ pixels: UnsafeBufferPointer<UInt8>, finalRows: Int) {
            while bandsStarted * bandRows < size.rows {
                let first = bandsStarted * bandRows, count = min(bandRows, size.rows - first)
                guard sourceRows[(first + count) * cellPixels - 1] < finalRows else { return }
                let band = samples(of: pixels, cellRows: first..<(first + count))
                bandsStarted += 1
                queue.async(group: group) { [self] in
                    let canvas = SymbolRenderer.cells(of: band, filling: Size(rows: count, columns: size.columns),
                                                      options: options, threads: threads)
                    lock.withLock { drawn[first] = canvas }
                }
            }
        }

        /// Waits for the bands and puts them together. Precondition: every row was passed to `rowsDecoded`.
        func canvas() -> Canvas {
            group.wait()
            precondition(bandsStarted * bandRows >= size.rows, "mosaic bands left undrawn")
            var canvas = Canvas(size: size)
            lock.withLock {
                for (first, band) in drawn {
                    for y in 0..<band.size.rows {
                        for x in 0..<band.size.columns { canvas.place(band[y, x], row: first + y, column: x) }
                    }
                }
            }
            return canvas
        }

        /// The grid pixels of `cellRows`, sampled from `pixels` as chafa samples the whole image.
        private func samples(of pixels: UnsafeBufferPointer<UInt8>, cellRows: Range<Int>) -> DecodedImage {
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
}
