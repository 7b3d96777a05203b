import CChafa
import JuryCanvas

extension SymbolRenderer {
    /// A chafa configuration for a `size` mosaic: symbols, colours, no dithering. The caller unrefs it.
    /// Chafa's preprocessing (contrast stretching in few-colour modes) is off: its monochrome output
    /// varied between identical runs, and mosaics must be reproducible.
    /// `chafaThreads` is a process-wide chafa setting, set here before each mosaic: 1 wherever
    /// mosaics are drawn in bands (`drawsInBands`: Jury's threads share out the bands), else
    /// `SymbolRenderer.threads`, so concurrent mosaics agree on it.
    static func configuration(size: Size, options: RenderOptions, chafaThreads: Int) -> OpaquePointer? {
        chafa_set_n_threads(Int32(chafaThreads))
        let config = chafa_canvas_config_new()
        chafa_canvas_config_set_geometry(config, Int32(size.columns), Int32(size.rows))
        chafa_canvas_config_set_canvas_mode(config, canvasMode(options.colors))
        chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_SYMBOLS)
        chafa_canvas_config_set_dither_mode(config, CHAFA_DITHER_MODE_NONE)
        chafa_canvas_config_set_work_factor(config, workFactor)
        chafa_canvas_config_set_preprocessing_enabled(config, 0)
        chafa_canvas_config_set_fg_color(config, 0xFFFFFF)
        chafa_canvas_config_set_bg_color(config, 0x000000)
        let map = chafa_symbol_map_new()
        chafa_symbol_map_add_by_tags(map, tags(options.symbols))
        chafa_canvas_config_set_symbol_map(config, map)
        chafa_symbol_map_unref(map)
        return config
    }

    private static func canvasMode(_ depth: ColorDepth) -> ChafaCanvasMode {
        switch depth {
        case .trueColor: CHAFA_CANVAS_MODE_TRUECOLOR
        case .palette256: CHAFA_CANVAS_MODE_INDEXED_240
        case .monochrome: CHAFA_CANVAS_MODE_FGBG
        }
    }

    private static func tags(_ symbols: SymbolSet) -> ChafaSymbolTags {
        let base = CHAFA_SYMBOL_TAG_SPACE.rawValue | CHAFA_SYMBOL_TAG_SOLID.rawValue | CHAFA_SYMBOL_TAG_HALF.rawValue
        switch symbols {
        case .halfBlocks: return ChafaSymbolTags(rawValue: base)
        case .quadrants: return ChafaSymbolTags(rawValue: base | CHAFA_SYMBOL_TAG_QUAD.rawValue)
        case .sextants: return ChafaSymbolTags(rawValue: base | CHAFA_SYMBOL_TAG_SEXTANT.rawValue)
        case .braille: return ChafaSymbolTags(rawValue: CHAFA_SYMBOL_TAG_SPACE.rawValue | CHAFA_SYMBOL_TAG_BRAILLE.rawValue)
        }
    }
}
