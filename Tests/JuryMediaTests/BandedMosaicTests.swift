import Foundation
import Synchronization
import JuryCanvas
@testable import JuryMedia
import Testing

@Suite struct BandedMosaicTests {
    /// `image` fed to a banded mosaic `step` rows at a time, as a top-down decode feeds it.
    private func banded(_ image: DecodedImage, fitting size: Size, options: RenderOptions, bands: Int, step: Int) -> Canvas {
        let mosaic = SymbolRenderer.BandedMosaic(image: PixelSize(width: image.width, height: image.height), fitting: size,
                                                 options: options, bands: bands)
        image.rgba.withUnsafeBufferPointer { pixels in
            for rows in stride(from: step, to: image.height + step, by: step) {
                mosaic.rowsDecoded(pixels, finalRows: min(rows, image.height))
            }
        }
        return mosaic.canvas()
    }

    @Test("a mosaic drawn in bands while rows arrive is the whole image's mosaic, in every colour depth and symbol set",
          .enabled(if: SymbolRenderer.drawsInBands), arguments: ColorDepth.allCases, SymbolSet.allCases)
    func bandsMatchTheWholeMosaic(colors: ColorDepth, symbols: SymbolSet) throws {
        let options = RenderOptions(symbols: symbols, colors: colors)
        let photo = try MediaFixtures.decode("photos/rocket.jpg"), cat = try MediaFixtures.decode("formats/cat.png")
        for (image, size) in [(photo, Size(rows: 40, columns: 100)), (cat, Size(rows: 12, columns: 36)), (cat, Size(rows: 60, columns: 200)),
                              (photo, Size(rows: 7, columns: 13))] {
            let whole = SymbolRenderer.cells(of: image, fitting: size, options: options)
            #expect(banded(image, fitting: size, options: options, bands: 8, step: 7) == whole, "\(image.width)x\(image.height) in \(size)")
            #expect(banded(image, fitting: size, options: options, bands: 100, step: 1) == whole, "\(image.width)x\(image.height) in \(size)")
        }
    }

    @Test("a mosaic drawn in bands, on 1 or 2 threads, is chafa's own mosaic of the whole image, in every colour depth and symbol set",
          .enabled(if: SymbolRenderer.drawsInBands), arguments: ColorDepth.allCases, SymbolSet.allCases)
    func bandsMatchChafasWholeMosaic(colors: ColorDepth, symbols: SymbolSet) throws {
        let options = RenderOptions(symbols: symbols, colors: colors)
        let photo = try MediaFixtures.decode("photos/rocket.jpg"), cat = try MediaFixtures.decode("formats/cat.png")
        let field = cat.cropped(to: BoundingBox(left: 0.1, top: 0.4, width: 0.8, height: 0.12))
        for (image, size) in [(photo, Size(rows: 40, columns: 100)), (cat, Size(rows: 60, columns: 200)), (field, Size(rows: 60, columns: 200))] {
            let fitted = SymbolRenderer.fittedSize(of: image, in: size)
            let chafas = image.rgba.withUnsafeBufferPointer {
                SymbolRenderer.chafaCells(of: $0, width: image.width, filling: fitted, options: options, chafaThreads: 1)
            }
            #expect(fitted.rows > SymbolRenderer.cellsPerBand / fitted.columns, "\(fitted) is drawn in more than one band")
            for threads in [1, 2] {
                #expect(SymbolRenderer.cells(of: image, fitting: size, options: options, threads: threads) == chafas,
                        "\(image.width)x\(image.height) in \(size) on \(threads) threads")
            }
        }
    }

    @Test("a band is drawn only once every image row its cells sample has arrived", .enabled(if: SymbolRenderer.drawsInBands))
    func bandsWaitForTheirRows() throws {
        let image = try MediaFixtures.decode("formats/cat.png")
        let size = Size(rows: 12, columns: 36), options = RenderOptions()
        let whole = SymbolRenderer.cells(of: image, fitting: size, options: options)
        let mosaic = SymbolRenderer.BandedMosaic(image: PixelSize(width: image.width, height: image.height), fitting: size,
                                                 options: options, bands: 12)
        var pixels = image.rgba
        let half = image.height / 2
        pixels.replaceSubrange((half * image.width * 4)..., with: repeatElement(0, count: (image.height - half) * image.width * 4))
        pixels.withUnsafeBufferPointer { mosaic.rowsDecoded($0, finalRows: half) }
        image.rgba.withUnsafeBufferPointer { mosaic.rowsDecoded($0, finalRows: image.height) }
        #expect(mosaic.canvas() == whole)
    }

    /// `count` grid positions over `source` image pixels, and the pixel chafa 1.12 samples at some of them:
    /// x * (source * 4096 / count) / 4096, the step truncated first. So 800 over 480 steps 2457 (not 2457.6)
    /// 4096ths and samples 2 at 5 and 239 at 400, where 5 * 480 / 800 and 400 * 480 / 800 give 3 and 240.
    static let chafaSamples: [(count: Int, source: Int, expected: [Int: Int])] = [
        (800, 500, [1: 0, 2: 1, 3: 1, 400: 250, 799: 499]),
        (800, 480, [1: 0, 2: 1, 5: 2, 10: 5, 400: 239, 799: 479]),
        (296, 375, [1: 1, 100: 126, 148: 187, 200: 253, 295: 373]),
        (8, 1, [1: 0, 4: 0, 7: 0]),
        (64, 64, [1: 1, 32: 32, 63: 63]),
    ]

    @Test("nearest-neighbour sampling follows chafa's 4096ths", arguments: chafaSamples)
    func nearestSamplingIsChafas(count: Int, source: Int, expected: [Int: Int]) {
        let samples = SymbolRenderer.GridSampling.nearest(count: count, over: source)
        #expect(samples.count == count)
        #expect(samples.first == 0)
        #expect(samples.allSatisfy { (0..<source).contains($0) })
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 <= $1 })
        for (position, sample) in expected { #expect(samples[position] == sample, "grid position \(position)") }
    }

    @Test("a JPEG decoded top down has TurboJPEG's pixels at every DCT scale, its rows passed on in order",
          arguments: ["formats/cat.jpg", "photos/rocket.jpg"], [nil, PixelSize(width: 100, height: 100), PixelSize(width: 400, height: 320)])
    func topDownDecodingMatchesTheWholeDecode(fixture: String, fitting: PixelSize?) throws {
        let bytes = try MediaFixtures.bytes(fixture)
        let whole = try ImageDecoder().decode(bytes, fitting: fitting)
        var passed: [Int] = []
        let topDown = try ImageDecoder().decodeJPEGTopDown(bytes, fitting: fitting, bandRows: 16) { size, pixels, rows in
            #expect(size == PixelSize(width: whole.width, height: whole.height))
            #expect(pixels.count == whole.rgba.count)
            passed.append(rows)
        }
        #expect(topDown == whole)
        #expect(passed == Array(stride(from: 16, to: whole.height, by: 16)) + [whole.height])
    }

    @Test("top-down decoding refuses the corrupt and truncated JPEGs the whole decode refuses",
          arguments: ["corrupt/truncated.jpg", "corrupt/damaged.jpg", "corrupt/truncated-header.jpg"])
    func topDownDecodingRefusesCorruptJPEGs(fixture: String) throws {
        let bytes = try MediaFixtures.bytes(fixture)
        #expect(throws: MediaProblem.self) { try ImageDecoder().decode(bytes) }
        do {
            _ = try ImageDecoder().decodeJPEGTopDown(bytes, fitting: nil) { _, _, _ in }
            Issue.record("\(fixture) decoded")
        } catch {
            guard case .corrupt(format: .jpeg, detail: let detail) = error else { Issue.record("not corrupt: \(error)"); return }
            #expect(!detail.isEmpty)
        }
    }

    @Test("pictures to turn upright are left to the whole decode", arguments: [3, 6, 8])
    func orientedJPEGsAreNotDecodedTopDown(orientation: Int) throws {
        let bytes = try MediaFixtures.bytes("formats/cat-orientation-\(orientation).jpg")
        var called = false
        #expect(try ImageDecoder().decodeJPEGTopDown(bytes, fitting: nil) { _, _, _ in called = true } == nil)
        #expect(!called)
    }

    @Test("the pipeline's cold JPEG picture is the mosaic of the decoded image, then cached",
          .enabled(if: SymbolRenderer.drawsInBands))
    func pipelineDrawsJPEGsWhileDecoding() throws {
        let bytes = try MediaFixtures.bytes("photos/rocket.jpg"), size = Size(rows: 40, columns: 100)
        let pipeline = MediaPipeline(reader: MediaReader(roots: ObjectRoots([])))
        let reference = MediaReference(source: .bytes(bytes))
        let cold = pipeline.picture(of: reference, fitting: size)
        let image = try ImageDecoder().decode(bytes, fitting: MediaPipeline.decodeSize(for: size))
        #expect(cold.problem == nil)
        #expect(cold.canvas == SymbolRenderer.cells(of: image, fitting: size, options: RenderOptions()))
        let key = MediaCache.ImageKey(reference: reference, fitting: MediaPipeline.decodeSize(for: size))
        #expect(pipeline.cache.claimImage(key) == image)
        #expect(pipeline.picture(of: reference, fitting: size) == cold)
    }
}

/// One decode of an image at a time, however many pictures of it are asked for meanwhile.
@Suite struct MediaCacheDecodeTests {
    private let key = MediaCache.ImageKey(reference: MediaReference(source: .bytes([1, 2, 3])), fitting: nil)

    /// Claims `key` on another thread; the returned function waits for that claim's answer.
    private func claimElsewhere(_ cache: MediaCache) -> () -> DecodedImage? {
        let answer = Mutex<DecodedImage??>(nil), done = DispatchSemaphore(value: 0)
        let key = key
        DispatchQueue.global().async {
            let image = cache.claimImage(key)
            answer.withLock { $0 = .some(image) }
            done.signal()
        }
        return {
            done.wait()
            return answer.withLock { $0 } ?? nil
        }
    }

    /// Waits until a caller waits in `claimImage`.
    private func untilOneWaits(_ cache: MediaCache) {
        for _ in 0..<3_000 where cache.waitingClaims == 0 { usleep(10_000) }
        #expect(cache.waitingClaims == 1, "a claim waits for the decode")
    }

    @Test("a caller asking while another decodes waits, then gets the image that decode stored")
    func waitersGetTheDecodersImage() {
        let cache = MediaCache(), image = DecodedImage(width: 1, height: 1, rgba: [9, 8, 7, 255])
        #expect(cache.claimImage(key) == nil)
        let waiting = claimElsewhere(cache)
        untilOneWaits(cache)
        cache.store(image, for: key)
        cache.endDecoding(key)
        #expect(waiting() == image)
    }

    @Test("when the decode stored nothing (it failed), the next caller is the one to decode")
    func aFailedDecodePassesTheClaimOn() {
        let cache = MediaCache()
        #expect(cache.claimImage(key) == nil)
        let waiting = claimElsewhere(cache)
        untilOneWaits(cache)
        cache.endDecoding(key)
        #expect(waiting() == nil)
        cache.endDecoding(key)
    }
}
