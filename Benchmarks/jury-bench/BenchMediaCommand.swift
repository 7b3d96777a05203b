import ArgumentParser
import Foundation
import JuryMedia
import JuryCanvas
import JuryWorkstation

/// `jury-bench media`: the image pipeline's figures beside the `chafa` tool on the same file and size.
struct BenchMediaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media", abstract: "Measure images: decode + scale + render a 12-megapixel JPEG, cached re-render, field crops.")

    @Option(help: "Repository fixtures folder (fixtures/media is used).") var fixtures = "fixtures"
    @Option(help: "Cold renders and chafa runs (medians are reported).") var runs = 15
    @Option(help: "Crop re-renders measured.") var crops = 500
    @Flag(inversion: .prefixedNo, help: "Run the chafa tool beside Jury (--no-baseline under valgrind, where children do not start).")
    var baseline = true
    @Option(help: ArgumentHelp("Only write the 12-megapixel JPEG measured here to this file, then exit.", valueName: "file"))
    var writePhoto: String?

    func run() throws {
        let media = URL(filePath: fixtures).appending(path: "media")
        let rocket = media.appending(path: "photos/rocket.jpg")
        if let writePhoto { return try Self.writeTwelveMegapixelJPEG(from: rocket, to: URL(filePath: writePhoto)) }
        let work = FileManager.default.temporaryDirectory.appending(path: "jury-bench-media-\(getpid())", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let photo = work.appending(path: "photo-12mp.jpg")
        try Self.writeTwelveMegapixelJPEG(from: rocket, to: photo)
        print("photo: \(photo.lastPathComponent), 4000x3000, \(try Data(contentsOf: photo).count) bytes; region 100x40 cells, quadrants, truecolor")
        measurePhoto(photo, root: work)
        if baseline { measureChafa(photo) }
        try measureCrops(media)
    }

    /// Writes rocket.jpg scaled to 4000x3000 with deterministic noise (so it compresses like a photo), as JPEG q90.
    static func writeTwelveMegapixelJPEG(from source: URL, to url: URL) throws {
        let small = try ImageDecoder().decode(Array(try Data(contentsOf: source)))
        let big = small.resizedNearest(to: PixelSize(width: 4000, height: 3000))
        var seed: UInt32 = 12345
        let noisy = big.rgba.enumerated().map { index, value -> UInt8 in
            guard index % 4 != 3 else { return 255 }
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return UInt8(clamping: Int(value) + Int(seed >> 28) - 8)
        }
        guard let bytes = DecodedImage(width: 4000, height: 3000, rgba: noisy).jpegBytes(quality: 90) else { throw ValidationError("JPEG encoding failed") }
        try Data(bytes).write(to: url)
    }

    private func measurePhoto(_ photo: URL, root: URL) {
        let reference = MediaReference(source: .path(photo.lastPathComponent)), size = Size(rows: 40, columns: 100)
        let reader = MediaReader(roots: ObjectRoots([root.path]))
        var cold: [Double] = []
        for _ in 0..<runs {
            let pipeline = MediaPipeline(reader: reader)
            cold.append(Self.time { _ = pipeline.picture(of: reference, fitting: size) })
        }
        let warm = MediaPipeline(reader: reader)
        _ = warm.picture(of: reference, fitting: size)
        let cached = (0..<200).map { _ in Self.time { _ = warm.picture(of: reference, fitting: size) } }
        print("jury, read + decode + scale + render (cold cache): " + BenchRenderCommand.summary(cold))
        let sequential = (0..<runs).map { _ in
            Self.time {
                guard let bytes = try? Array(Data(contentsOf: photo)),
                      let image = try? ImageDecoder().decode(bytes, fitting: MediaPipeline.decodeSize(for: size)) else { return }
                _ = SymbolRenderer.cells(of: image, fitting: size, options: RenderOptions())
            }
        }
        print("  baseline, read + decode, then render the whole image (no bands): " + BenchRenderCommand.summary(sequential))
        measureSteps(photo, size: size)
        print("jury, cached re-render: " + BenchRenderCommand.summary(cached))
        print("resident memory with the image decoded and cached: \(BenchRenderCommand.residentMegabytes()) MB")
    }

    /// The cold figure's two halves: decoding at the DCT scale chosen for the region, and chafa's render.
    private func measureSteps(_ photo: URL, size: Size) {
        guard let bytes = try? Array(Data(contentsOf: photo)) else { return }
        let fitting = MediaPipeline.decodeSize(for: size)
        var image: DecodedImage?
        let decode = (0..<runs).map { _ in Self.time { image = try? ImageDecoder().decode(bytes, fitting: fitting) } }
        guard let image else { return print("  the photo did not decode") }
        print("  of which decode at \(image.width)x\(image.height): " + BenchRenderCommand.summary(decode))
        for threads in Set([1, SymbolRenderer.threads]).sorted() {
            let render = (0..<runs).map { _ in
                Self.time { _ = SymbolRenderer.cells(of: image, fitting: size, options: RenderOptions(), threads: threads) }
            }
            print("  of which render on \(threads) thread\(threads == 1 ? "" : "s")\(threads == SymbolRenderer.threads ? " (jury's)" : ""): "
                  + BenchRenderCommand.summary(render))
        }
    }

    /// The `chafa` tool on the same file and size (process start included), when it is installed.
    private func measureChafa(_ photo: URL) {
        let arguments = ["--format", "symbols", "--size", "100x40", "--symbols", "space+solid+half+quad", "--colors", "full",
                         "--dither", "none", "--animate", "off", photo.path]
        var times: [Double] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(filePath: "/usr/bin/chafa")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let elapsed = Self.time { try? process.run(); process.waitUntilExit() }
            guard process.terminationStatus == 0 else { return print("baseline: chafa not available (/usr/bin/chafa)") }
            times.append(elapsed)
        }
        print("baseline, chafa \(arguments.dropLast().joined(separator: " ")) FILE: " + BenchRenderCommand.summary(times))
    }

    /// Zoomed crops of the invoice's fields, a different box each time (no mosaic cache hit): into a
    /// 200x60 region (an upper bound: the whole terminal as the region), then into the zoom region of
    /// a form task's screen at 200x60, as the workstation draws them; then drawn ahead (200x60).
    private func measureCrops(_ media: URL) throws {
        let reader = MediaReader(roots: ObjectRoots([media.appending(path: "documents").path]))
        let pipeline = MediaPipeline(reader: reader)
        let page = MediaReference(source: .path("invoice-and-receipt.pdf"))
        let boxes = try Self.valueBoxes(media.appending(path: "documents/invoice.textract.json"))
        let terminal = Size(rows: 60, columns: 200)
        measureFreshCrops(pipeline, page: page, boxes: boxes, region: terminal,
                          label: "crop re-render at 200x60 (page decoded once)")
        let zoom = try Self.formZoomRegion(terminal: terminal)
        measureFreshCrops(pipeline, page: page, boxes: boxes, region: zoom,
                          label: "as the workstation at 200x60, crop into its zoom region (\(zoom.columns)x\(zoom.rows) cells)")
        measureDrawnAhead(pipeline, page: page, boxes: boxes)
    }

    private func measureFreshCrops(_ pipeline: MediaPipeline, page: MediaReference, boxes: [BoundingBox], region: Size, label: String) {
        _ = pipeline.crop(of: page, box: boxes[0], fitting: region)
        var sizes: [Size] = []
        let times = (0..<crops).map { index in
            var box = boxes[index % boxes.count]
            box.left += Double(index) * 1e-6
            var picture: MediaPicture?
            let elapsed = Self.time { picture = pipeline.crop(of: page, box: box, fitting: region) }
            if index < boxes.count { sizes.append(picture?.canvas.size ?? Size(rows: 0, columns: 0)) }
            return elapsed
        }
        print("jury, next form field: \(label): " + BenchRenderCommand.summary(times))
        printSlowestFields(times, sizes: sizes)
    }

    /// The zoom region of a form task's screen in a `terminal` of that size, with pictures shown.
    static func formZoomRegion(terminal: Size) throws -> Size {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-bench-zoom-\(getpid())", directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: root) }
        let state = try RenderBenchQueue(root: root).formTaskState(fields: 10, size: terminal)
        guard let content = state.task?.content else { throw ValidationError("the form task did not open") }
        let zoom = TaskLayout.regions(content, size: terminal, pictures: .shown).zoom
        return Size(rows: zoom.rows, columns: zoom.columns)
    }

    /// The fields whose crops took longest (median over their re-renders), with their mosaics' sizes:
    /// whether the tail is some fields' size or the machine.
    private func printSlowestFields(_ times: [Double], sizes: [Size]) {
        let medians = sizes.indices.map { field in
            BenchRenderCommand.median(stride(from: field, to: times.count, by: sizes.count).map { times[$0] })
        }
        let slowest = sizes.indices.sorted { medians[$0] > medians[$1] }.prefix(3).map { field in
            String(format: "field %d: %dx%d cells, median %.3f ms", field, sizes[field].columns, sizes[field].rows, medians[field])
        }
        let cells = sizes.map { $0.rows * $0.columns }
        print("  \(sizes.count) fields, \(cells.min() ?? 0) to \(cells.max() ?? 0) cells; slowest: " + slowest.joined(separator: "; "))
    }

    /// Moving to the next field as the workstation does it: the crops of the fields beside the
    /// cursor are drawn ahead (untimed, as the workstation does beside the key loop), so the move
    /// finds its crop in the cache.
    private func measureDrawnAhead(_ pipeline: MediaPipeline, page: MediaReference, boxes: [BoundingBox]) {
        let size = Size(rows: 60, columns: 200)
        let box = { (index: Int) -> BoundingBox in
            var box = boxes[index % boxes.count]
            box.left += Double(crops + index) * 1e-6
            return box
        }
        _ = pipeline.crop(of: page, box: box(0), fitting: size)
        let times = (0..<crops).map { index in
            _ = pipeline.crop(of: page, box: box(index + 1), fitting: size)
            return Self.time { _ = pipeline.crop(of: page, box: box(index + 1), fitting: size) }
        }
        print("jury, next form field with its crop drawn ahead (as the workstation does): " + BenchRenderCommand.summary(times))
    }

    static func valueBoxes(_ url: URL) throws -> [BoundingBox] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let blocks = json?["Blocks"] as? [[String: Any]] ?? []
        return blocks.filter { ($0["EntityTypes"] as? [String]) == ["VALUE"] }
            .compactMap { BoundingBox(textract: ($0["Geometry"] as? [String: Any])?["BoundingBox"] as Any) }
    }

    static func time(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        body()
        return BenchRenderCommand.milliseconds(ContinuousClock.now - start)
    }
}
