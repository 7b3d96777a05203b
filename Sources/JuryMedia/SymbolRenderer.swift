import CChafa
import Foundation
import JuryCanvas

/// Draws decoded images with libchafa: symbol mosaics as canvas cells, or pixel-protocol bytes.
///
/// Mosaics keep the image's aspect ratio for cells twice as tall as wide, and are no larger than
/// the size asked for; dithering is off so the output depends only on image, size and options.
public enum SymbolRenderer {
    /// Cell width over cell height assumed for aspect ratio.
    public static let fontRatio: Float = 0.5
    /// How many symbol candidates chafa tries per cell (0–1; its default is 0.5). At 0.2 a mosaic
    /// takes half the time and looks the same at terminal size (see docs/decisions.md).
    public static let workFactor: Float = 0.2
    /// Threads a mosaic is drawn on: 2 where the machine has 2 cores or more, else 1. A mosaic is
    /// split into bands of cell rows, so it is the same on any number of threads.
    public static let threads = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// The mosaic size (in cells) of an image fitted into `size`, aspect kept, at least 1x1.
    public static func fittedSize(of image: DecodedImage, in size: Size) -> Size {
        fittedSize(of: PixelSize(width: image.width, height: image.height), in: size)
    }

    /// The mosaic size (in cells) of an image of `pixels` fitted into `size`.
    static func fittedSize(of pixels: PixelSize, in size: Size) -> Size {
        var columns = Int32(max(1, size.columns)), rows = Int32(max(1, size.rows))
        chafa_calc_canvas_geometry(Int32(pixels.width), Int32(pixels.height), &columns, &rows, fontRatio, 1, 0)
        return Size(rows: max(1, Int(rows)), columns: max(1, Int(columns)))
    }

    /// `image` as a canvas of `fittedSize(of:in:)` cells in role `.normal`, each with the
    /// character chafa chose and (unless monochrome) explicit colours, drawn on `threads` threads.
    public static func cells(of image: DecodedImage, fitting size: Size, options: RenderOptions, threads: Int = threads) -> Canvas {
        cells(of: image, filling: fittedSize(of: image, in: size), options: options, threads: threads)
    }

    /// `image` stretched over exactly `fitted` cells (whatever its aspect ratio), as `cells(of:fitting:)` draws.
    /// Where bands match the whole mosaic (`drawsInBands`) the image is sampled onto chafa's grid
    /// here and drawn in bands (`cells(ofGrid:size:options:threads:)`); elsewhere chafa draws it
    /// whole on `threads` threads of its own.
    static func cells(of image: DecodedImage, filling fitted: Size, options: RenderOptions, threads: Int) -> Canvas {
        guard drawsInBands else {
            return image.rgba.withUnsafeBufferPointer {
                chafaCells(of: $0, width: image.width, filling: fitted, options: options, chafaThreads: threads)
            }
        }
        let sampling = GridSampling(image: PixelSize(width: image.width, height: image.height), cells: fitted)
        let grid = image.rgba.withUnsafeBufferPointer { sampling.samples(of: $0, cellRows: 0..<fitted.rows) }
        return cells(ofGrid: grid, size: fitted, options: options, threads: threads)
    }

    /// Chafa's mosaic of `pixels` (RGBA rows of `width` pixels, as many rows as the buffer holds)
    /// stretched over exactly `fitted` cells, drawn on `chafaThreads` chafa threads.
    static func chafaCells(of pixels: UnsafeBufferPointer<UInt8>, width: Int, filling fitted: Size, options: RenderOptions,
                           chafaThreads: Int) -> Canvas {
        let config = configuration(size: fitted, options: options, chafaThreads: chafaThreads)
        defer { chafa_canvas_config_unref(config) }
        let chafa = chafa_canvas_new(config)
        defer { chafa_canvas_unref(chafa) }
        chafa_canvas_draw_all_pixels(chafa, CHAFA_PIXEL_RGBA8_UNASSOCIATED, pixels.baseAddress, Int32(width),
                                     Int32(pixels.count / (width * 4)), Int32(width * 4))
        return canvas(from: chafa, size: fitted, colors: options.colors)
    }

    private static func canvas(from chafa: OpaquePointer?, size: Size, colors: ColorDepth) -> Canvas {
        var canvas = Canvas(size: size)
        for y in 0..<size.rows {
            var left: Cell?
            for x in 0..<size.columns {
                let symbol = Unicode.Scalar(chafa_canvas_get_char_at(chafa, Int32(x), Int32(y))).map(String.init) ?? " "
                let cell = shown(Cell(grapheme: symbol, width: 1, role: .normal, colors: cellColors(chafa, x: x, y: y, depth: colors)),
                                 after: left)
                canvas.place(cell, row: y, column: x)
                left = cell
            }
        }
        return canvas
    }

    /// A mosaic cell as shown after `left` (nil at a row's start): a blank cell (a space, which
    /// shows only its background) takes the foreground of the cell to its left, none at a row's
    /// start, so a row of blanks needs no foreground changes. Chafa carries foregrounds so too,
    /// but keeps a computed one at a row's start; here a cell's colours follow from its own
    /// pixels and the row to its left alone.
    static func shown(_ cell: Cell, after left: Cell?) -> Cell {
        guard cell.grapheme == " ", var colors = cell.colors else { return cell }
        colors.foreground = left?.colors?.foreground
        var shown = cell
        shown.colors = colors
        return shown
    }

    private static func cellColors(_ chafa: OpaquePointer?, x: Int, y: Int, depth: ColorDepth) -> CellColors? {
        var foreground: Int32 = -1, background: Int32 = -1
        switch depth {
        case .monochrome:
            return nil
        case .trueColor:
            chafa_canvas_get_colors_at(chafa, Int32(x), Int32(y), &foreground, &background)
            return CellColors(foreground: rgb(foreground), background: rgb(background))
        case .palette256:
            chafa_canvas_get_raw_colors_at(chafa, Int32(x), Int32(y), &foreground, &background)
            return CellColors(foreground: indexed(foreground), background: indexed(background))
        }
    }

    private static func rgb(_ packed: Int32) -> TerminalColor? {
        packed < 0 ? nil : TerminalColor(packedRGB: UInt32(bitPattern: packed))
    }

    private static func indexed(_ index: Int32) -> TerminalColor? {
        (0...255).contains(index) ? .indexed(UInt8(index)) : nil
    }
}
