import JuryCanvas

/// What a screen shows in an image region: a canvas of at most the region's size (a mosaic, blank
/// cells under a pixel-protocol picture, or a placeholder), the graphics to write there (pixel
/// protocols only; region relative to the picture's top-left), and the problem when there is one.
public struct MediaPicture: Hashable, Sendable {
    public var canvas: Canvas
    public var graphics: GraphicsPlacement?
    public var problem: MediaProblem?

    /// The graphics moved to where the picture is blitted on the screen canvas.
    public func graphics(at origin: Point) -> GraphicsPlacement? {
        graphics.map { placement in
            var moved = placement
            moved.region.row += origin.row
            moved.region.column += origin.column
            return moved
        }
    }
}

/// From a `MediaReference` to a `MediaPicture`: read under the roots, decode, render, cache.
/// Never throws: every failure becomes a placeholder picture carrying its `MediaProblem`.
/// Blocking (file I/O and decoding): call it from an effect, off the key loop.
public struct MediaPipeline: Sendable {
    public var reader: MediaReader
    public var decoder: ImageDecoder
    public var cache: MediaCache
    public var output: GraphicsOutput
    public var options: RenderOptions
    /// Wrap pixel-protocol bytes for tmux (`GraphicsMode.insideTmux`).
    public var tmuxPassthrough: Bool
    /// Gets the bytes of a `.fetched(key:)` source (nil: such sources are refused as unsupported).
    public var fetch: (@Sendable (String) throws(MediaProblem) -> [UInt8])?

    public init(reader: MediaReader, cache: MediaCache = MediaCache(), output: GraphicsOutput = .symbols,
                options: RenderOptions = RenderOptions(), tmuxPassthrough: Bool = false) {
        self.reader = reader
        self.decoder = ImageDecoder(limits: reader.limits)
        self.cache = cache
        self.output = output
        self.options = options
        self.tmuxPassthrough = tmuxPassthrough
        fetch = nil
    }

    /// The image (or page), or the part of it inside `viewport` (a zoomed image), fitted into `size`
    /// cells, with `outlines` (in the coordinates of the part shown) drawn on a mosaic.
    public func picture(of reference: MediaReference, viewport: BoundingBox? = nil, fitting size: Size,
                        outlines: [ImageOutline] = []) -> MediaPicture {
        let source = viewport == nil ? Self.decodeSize(for: size) : Self.zoomedDecodeSize(for: size)
        return render(reference, crop: viewport, source: source, size: size, outlines: outlines)
    }

    /// The part of the page inside `box` (padded by `padding` of its size), fitted into `size`: the
    /// zoomed view of a form field, cut from the page decoded for `cropSourceSize`. `outlines` are
    /// in the part's coordinates.
    public func crop(of reference: MediaReference, box: BoundingBox, padding: Double = 0.15, fitting size: Size,
                     outlines: [ImageOutline] = []) -> MediaPicture {
        render(reference, crop: box.padded(by: padding), source: Self.cropSourceSize, size: size, outlines: outlines)
    }

    private func render(_ reference: MediaReference, crop: BoundingBox?, source: PixelSize, size: Size,
                        outlines: [ImageOutline]) -> MediaPicture {
        guard output != .none else { return placeholder(.unsupported(detail: "images are off (--graphics none)"), size) }
        do {
            let key = MediaCache.ImageKey(reference: reference, fitting: source)
            let image: DecodedImage
            if let cached = cache.claimImage(key) {
                image = cached
            } else {
                defer { cache.endDecoding(key) }
                let bytes = try bytes(of: key.reference.source)
                if output == .symbols, crop == nil, let drawn = try mosaicWhileDecoding(bytes, key: key, size: size) {
                    return outlined(drawn, outlines)
                }
                image = try decoder.decode(bytes, page: key.reference.page, fitting: key.fitting)
                cache.store(image, for: key)
            }
            let shown = crop.map { image.cropped(to: $0) } ?? image
            guard let kind = output.placementKind else { return mosaic(shown, key: key, crop: crop, size: size, outlines: outlines) }
            let placement = PixelRenderer.placement(of: shown, in: Rect(size), kind: kind, tmuxPassthrough: tmuxPassthrough)
            return MediaPicture(canvas: Canvas(size: Size(rows: placement.region.rows, columns: placement.region.columns)),
                                graphics: placement, problem: nil)
        } catch {
            return placeholder(error, size)
        }
    }

    private func mosaic(_ image: DecodedImage, key: MediaCache.ImageKey, crop: BoundingBox?, size: Size,
                        outlines: [ImageOutline]) -> MediaPicture {
        let mosaicKey = MediaCache.MosaicKey(image: key, crop: crop, size: size, options: options)
        let canvas = cache.mosaic(mosaicKey) ?? {
            let rendered = SymbolRenderer.cells(of: image, fitting: size, options: options)
            cache.store(rendered, for: mosaicKey)
            return rendered
        }()
        return outlined(canvas, outlines)
    }

    private func outlined(_ mosaic: Canvas, _ outlines: [ImageOutline]) -> MediaPicture {
        var canvas = mosaic
        outlines.forEach { canvas.draw($0) }
        return MediaPicture(canvas: canvas, graphics: nil, problem: nil)
    }

    /// The whole picture's mosaic for a JPEG (`bytes`, not yet decoded), drawn band by band while
    /// the JPEG decodes, so that the wait is about the decode alone; the image and the mosaic are
    /// cached, as the sequential path caches them. Nil (nothing decoded) for other formats,
    /// pictures to turn upright, and chafa versions whose bands would not match the whole mosaic.
    private func mosaicWhileDecoding(_ bytes: [UInt8], key: MediaCache.ImageKey, size: Size) throws(MediaProblem) -> Canvas? {
        guard SymbolRenderer.drawsInBands, key.reference.page == 1, ImageFormat(sniffing: bytes) == .jpeg else { return nil }
        var mosaic: SymbolRenderer.BandedMosaic?
        let decoded = try decoder.decodeJPEGTopDown(bytes, fitting: key.fitting) { imageSize, pixels, finalRows in
            let bands = mosaic ?? SymbolRenderer.BandedMosaic(image: imageSize, fitting: size, options: options)
            mosaic = bands
            bands.rowsDecoded(pixels, finalRows: finalRows)
        }
        guard let image = decoded, let mosaic else { return nil }
        let canvas = mosaic.canvas()
        cache.store(image, for: key)
        cache.store(canvas, for: MediaCache.MosaicKey(image: key, crop: nil, size: size, options: options))
        return canvas
    }

    private func bytes(of source: MediaSource) throws(MediaProblem) -> [UInt8] {
        guard case .fetched(let key) = source, let fetch else { return try reader.bytes(of: source) }
        let bytes = try fetch(key)
        guard bytes.count <= reader.limits.maxBytes else { throw .tooLarge(bytes: bytes.count, limit: reader.limits.maxBytes) }
        return bytes
    }

    /// A placeholder picture of `size` saying what `problem` is.
    public func placeholder(_ problem: MediaProblem, _ size: Size) -> MediaPicture {
        MediaPicture(canvas: MediaPlaceholder.canvas(for: problem, size: size), graphics: nil, problem: problem)
    }

    /// Pixels to decode at for a `size` region: 4x8 per cell (at least twice the 2x3 of sextants and
    /// the 2x4 dots of braille), at most 4096 on a side.
    public static func decodeSize(for size: Size) -> PixelSize {
        PixelSize(width: min(4096, size.columns * 4), height: min(4096, size.rows * 8))
    }

    /// For a zoomed image in a `size` region: 4 times `decodeSize(for:)` on each side, at most 4096.
    /// The image and the region have about the same shape, so the part shown keeps the detail of
    /// the first zoom steps.
    public static func zoomedDecodeSize(for size: Size) -> PixelSize {
        decodeSize(for: Size(rows: size.rows * 4, columns: size.columns * 4))
    }

    /// What a form field's crop is cut from, whatever the box and the region: its page decoded for
    /// 2000x2000. A PDF page is rendered to fit it (Letter at 182 dpi, 1545x2000); a JPEG decodes at
    /// the smallest DCT scale that covers the fit (a 12-megapixel photo at half size, 2016x1512);
    /// other formats at their own size, as everywhere. One size for every field keeps the page
    /// decoded once for all of them, and a short, wide region (the 4-row zoom under the table)
    /// still gets the page's detail, which a page fitted to the region's shape would not (128
    /// pixels high for 4 rows). 2000, not 2048: a 4032x3024 photo still decodes at half size.
    public static let cropSourceSize = PixelSize(width: 2000, height: 2000)
}

extension GraphicsOutput {
    /// The pixel protocol, or nil for symbols (and none).
    var placementKind: GraphicsPlacement.Kind? {
        switch self {
        case .sixel: .sixel
        case .kitty: .kitty
        case .iterm: .iterm
        case .symbols, .none: nil
        }
    }
}
