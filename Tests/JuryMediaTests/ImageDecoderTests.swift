import Foundation
@testable import JuryMedia
import Testing

@Suite struct ImageDecoderTests {
    /// The cat at (200, 150) is dark brown in the source PNG: (125, 64, 35).
    private func expectBrown(_ pixel: (r: UInt8, g: UInt8, b: UInt8, a: UInt8), tolerance: Int = 24) {
        #expect(abs(Int(pixel.r) - 125) <= tolerance && abs(Int(pixel.g) - 64) <= tolerance && abs(Int(pixel.b) - 35) <= tolerance,
                "pixel \(pixel)")
        #expect(pixel.a == 255)
    }

    @Test(arguments: ["cat.jpg", "cat-cmyk.jpg", "cat.png", "cat.webp"])
    func decodesEveryFormatAtItsSize(file: String) throws {
        let image = try MediaFixtures.decode("formats/" + file)
        #expect(image.width == 451 && image.height == 300)
        expectBrown(image.pixel(x: 200, y: 150))
    }

    @Test func pngIsLossless() throws {
        let image = try MediaFixtures.decode("formats/cat.png")
        #expect(image.pixel(x: 10, y: 10) == (157, 135, 122, 255))
    }

    @Test func gifDecodesItsFirstFrameThroughThePalette() throws {
        let image = try MediaFixtures.decode("formats/cat.gif")
        #expect(image.width == 451 && image.height == 300)
        expectBrown(image.pixel(x: 200, y: 150), tolerance: 40)
    }

    @Test func tiffHasTwoPagesAndTheSecondIsFlipped() throws {
        let bytes = try MediaFixtures.bytes("formats/cat.tif")
        #expect(try ImageDecoder().pageCount(bytes) == 2)
        let first = try ImageDecoder().decode(bytes, page: 1), second = try ImageDecoder().decode(bytes, page: 2)
        #expect(first.width == 225 && first.height == 150)
        #expect(first.pixel(x: 100, y: 10) == second.pixel(x: 100, y: 139))
        #expect(throws: MediaProblem.pageOutOfRange(page: 3, pages: 2)) { try ImageDecoder().decode(bytes, page: 3) }
    }

    @Test func pdfPagesRenderToFitAndCount() throws {
        let bytes = try MediaFixtures.bytes("documents/invoice-and-receipt.pdf")
        #expect(try ImageDecoder().pageCount(bytes) == 2)
        let invoice = try ImageDecoder().decode(bytes, page: 1, fitting: PixelSize(width: 425, height: 1000))
        let receipt = try ImageDecoder().decode(bytes, page: 2, fitting: PixelSize(width: 1000, height: 450))
        #expect(invoice.width == 425 && invoice.height == 550)
        #expect(receipt.height == 450 && receipt.width == 250)
        #expect(invoice.pixel(x: 5, y: 5) == (255, 255, 255, 255))
        #expect(throws: MediaProblem.pageOutOfRange(page: 3, pages: 2)) { try ImageDecoder().decode(bytes, page: 3) }
    }

    @Test func jpegDecodesAtTheSmallestDCTScaleThatCoversTheTarget() throws {
        let image = try MediaFixtures.decode("formats/cat.jpg", fitting: PixelSize(width: 100, height: 100))
        #expect(image.width == 113 && image.height == 75)
        #expect(ImageDecoder.jpegScale(width: 4000, height: 3000, fitting: PixelSize(width: 800, height: 640)) == PixelSize(width: 1000, height: 750))
    }

    @Test("a 12-megapixel phone photo used as a form page is decoded at half size for its fields' crops")
    func aPhotographedPageDecodesAtHalfSizeForCrops() {
        for (width, height) in [(4032, 3024), (3024, 4032), (4000, 3000)] {
            #expect(ImageDecoder.jpegDenominator(width: width, height: height, fitting: MediaPipeline.cropSourceSize) == 2)
        }
    }

    @Test(arguments: [3, 6, 8])
    func exifOrientationTurnsTheImageUpright(orientation: Int) throws {
        let image = try MediaFixtures.decode("formats/cat-orientation-\(orientation).jpg")
        #expect(image.width == 451 && image.height == 300)
        expectBrown(image.pixel(x: 200, y: 150))
    }

    @Test(arguments: ["png", "webp"])
    func exifOrientationOfPNGAndWebPTurnsTheImageUpright(format: String) throws {
        let image = try MediaFixtures.decode("formats/cat-orientation-6.\(format)")
        #expect(image.width == 225 && image.height == 150)
        expectBrown(image.pixel(x: 100, y: 75))
        #expect(ImageDecoder.pngOrientation(try MediaFixtures.bytes("formats/cat.png")) == 0)
    }

    @Test func orientationMapsCornersAsExifDefines() {
        // 2x1: red, green.
        let image = DecodedImage(width: 2, height: 1, rgba: [255, 0, 0, 255, 0, 255, 0, 255])
        let clockwise = image.oriented(exif: 6)
        #expect(clockwise.width == 1 && clockwise.height == 2)
        #expect(clockwise.pixel(x: 0, y: 0).r == 255)
        #expect(image.oriented(exif: 8).pixel(x: 0, y: 0).g == 255)
        #expect(image.oriented(exif: 2).pixel(x: 0, y: 0).g == 255)
        #expect(image.oriented(exif: 1) == image)
    }

    @Test func pixelLimitRefusesBeforeDecoding() throws {
        #expect(throws: MediaProblem.tooManyPixels(width: 100_000, height: 100_000, limit: 100_000_000)) {
            try MediaFixtures.decode("corrupt/bomb-100000x100000.png")
        }
        let small = ImageDecoder(limits: MediaLimits(maxPixels: 1000))
        #expect(throws: MediaProblem.tooManyPixels(width: 451, height: 300, limit: 1000)) {
            try small.decode(try MediaFixtures.bytes("formats/cat.jpg"))
        }
    }

    @Test("a pixel count past Int's range is refused however high the limit, never wrapped around")
    func pixelCountsThatOverflowAreRefused() throws {
        let unlimited = MediaLimits(maxPixels: .max)
        #expect(throws: MediaProblem.tooManyPixels(width: 1 << 32, height: 1 << 32, limit: .max)) {
            try unlimited.check(width: 1 << 32, height: 1 << 32)
        }
        try unlimited.check(width: 1 << 31, height: 1 << 31)
    }

    @Test func unknownBytesAreUnsupported() throws {
        #expect(throws: MediaProblem.unsupported(detail: "not a JPEG, PNG, WebP, GIF, TIFF or PDF")) {
            try MediaFixtures.decode("corrupt/not-an-image.jpg")
        }
    }

    /// Every file in fixtures/media/corrupt is refused with a problem, never decoded, never a crash.
    @Test("a PDF page of infinite size, or wider than cairo draws, is refused whatever size it is fitted to, never a crash")
    func pdfPagesOfNoDrawableSizeAreRefused() throws {
        for fitting in [nil, PixelSize(width: 100, height: 100)] {
            #expect(throws: MediaProblem.self) { try MediaFixtures.decode("corrupt/infinite-page.pdf", fitting: fitting) }
        }
        #expect(throws: MediaProblem.self) { try MediaFixtures.decode("corrupt/wide-page.pdf") }
        #expect(try MediaFixtures.decode("corrupt/wide-page.pdf", fitting: PixelSize(width: 400, height: 400)).width == 400)
    }

    @Test func theCorruptCorpusIsRefused() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: MediaFixtures.path("corrupt")).sorted()
        #expect(names.count == 19)
        for name in names {
            do {
                let image = try MediaFixtures.decode("corrupt/" + name)
                Issue.record("\(name) decoded as \(image.width)x\(image.height)")
            } catch let problem as MediaProblem {
                #expect(!problem.description.isEmpty)
            } catch {
                Issue.record("\(name): \(error) is not a MediaProblem")
            }
        }
    }
}
