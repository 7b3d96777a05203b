import CChafa
import JuryCanvas

/// Pixel-protocol output through libchafa: the escape sequences that draw an image fitted into a
/// region (aspect kept), for `NCursesTerminal.present(_:graphics:)` to write after the frame.
public enum PixelRenderer {
    /// A placement of `image` fitted into `region` (whose top-left the picture starts at) with
    /// `kind`, assuming cells of `cellPixels` pixels. The placement's region is the fitted part.
    /// With `tmuxPassthrough` the bytes are wrapped for tmux's `allow-passthrough` (see `tmuxWrapped`).
    public static func placement(
        of image: DecodedImage, in region: Rect, kind: GraphicsPlacement.Kind,
        cellPixels: PixelSize = PixelSize(width: 10, height: 20), tmuxPassthrough: Bool = false
    ) -> GraphicsPlacement {
        let fitted = SymbolRenderer.fittedSize(of: image, in: Size(rows: region.rows, columns: region.columns))
        let config = chafa_canvas_config_new()
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, Int32(fitted.columns), Int32(fitted.rows))
        chafa_canvas_config_set_cell_geometry(config, Int32(cellPixels.width), Int32(cellPixels.height))
        chafa_canvas_config_set_pixel_mode(config, pixelMode(kind))
        chafa_canvas_config_set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR)
        let drawn = draw(image, config: config, kind: kind)
        let payload = tmuxPassthrough ? tmuxWrapped(drawn) : drawn
        return GraphicsPlacement(region: Rect(row: region.row, column: region.column, rows: fitted.rows, columns: fitted.columns),
                                 kind: kind, payload: payload)
    }

    private static func draw(_ image: DecodedImage, config: OpaquePointer?, kind: GraphicsPlacement.Kind) -> [UInt8] {
        let chafa = chafa_canvas_new(config)
        defer { chafa_canvas_unref(chafa) }
        image.rgba.withUnsafeBufferPointer {
            chafa_canvas_draw_all_pixels(chafa, CHAFA_PIXEL_RGBA8_UNASSOCIATED, $0.baseAddress, Int32(image.width),
                                         Int32(image.height), Int32(image.width * 4))
        }
        let info = terminalInfo(kind)
        defer { chafa_term_info_unref(info) }
        guard let text = chafa_canvas_print(chafa, info) else { return [] }
        defer { jury_gstring_free(text) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(text.pointee.str).assumingMemoryBound(to: UInt8.self),
                                         count: Int(text.pointee.len)))
    }

    /// `bytes` inside tmux's passthrough sequence: `ESC P tmux;`, the bytes with every ESC doubled,
    /// then `ESC \`. tmux hands them to the outer terminal when `allow-passthrough` is on.
    public static func tmuxWrapped(_ bytes: [UInt8]) -> [UInt8] {
        let escape: UInt8 = 0x1B
        return Array("\u{1B}Ptmux;".utf8) + bytes.flatMap { $0 == escape ? [escape, escape] : [$0] } + [escape, 0x5C]
    }

    /// Chafa's description of a terminal that speaks `kind` (fixed, so output is reproducible).
    private static func terminalInfo(_ kind: GraphicsPlacement.Kind) -> OpaquePointer? {
        let variables = switch kind {
        case .sixel: ["TERM=mlterm"]
        case .kitty: ["TERM=xterm-kitty", "KITTY_WINDOW_ID=1"]
        case .iterm: ["TERM_PROGRAM=iTerm.app"]
        }
        var pointers = variables.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return chafa_term_db_detect(chafa_term_db_get_default(), &pointers)
    }

    private static func pixelMode(_ kind: GraphicsPlacement.Kind) -> ChafaPixelMode {
        switch kind {
        case .sixel: CHAFA_PIXEL_MODE_SIXELS
        case .kitty: CHAFA_PIXEL_MODE_KITTY
        case .iterm: CHAFA_PIXEL_MODE_ITERM2
        }
    }
}
