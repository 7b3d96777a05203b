import Foundation
import JuryMedia
import JuryCanvas
import JuryTestSupport
import Synchronization
import Testing

@Suite struct MediaPipelineTests {
    let pipeline = MediaPipeline(reader: MediaReader(roots: ObjectRoots([MediaFixtures.path("objects"), MediaFixtures.path("documents")])))
    let invoice = MediaReference(source: .path(MediaFixtures.path("documents/invoice-and-receipt.pdf")))

    /// The "Total due:" value box of the invoice page, from its Textract JSON.
    private func totalBox() throws -> BoundingBox {
        let data = try Data(contentsOf: URL(fileURLWithPath: MediaFixtures.path("documents/invoice-and-receipt.textract.json")))
        let blocks = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["Blocks"] as? [[String: Any]])
        let total = try #require(blocks.first { $0["Text"] as? String == "$20,698.27" })
        return try #require(BoundingBox(textract: (total["Geometry"] as? [String: Any])?["BoundingBox"] as Any))
    }

    @Test func aPageWithTheFieldOutlinedIsPinned() throws {
        let page = pipeline.picture(of: invoice, fitting: Size(rows: 30, columns: 46), outlines: [ImageOutline(box: try totalBox())])
        #expect(page.problem == nil)
        Golden.assertText(page.canvas, named: "invoice-total-outlined")
        Golden.assertRoles(page.canvas, named: "invoice-total-outlined")
    }

    @Test func theCropOfAFieldShowsItsText() throws {
        let crop = pipeline.crop(of: invoice, box: try totalBox(), fitting: Size(rows: 6, columns: 60))
        #expect(crop.problem == nil)
        #expect(crop.canvas.size.columns == 60)
        #expect(crop.canvas.textDump().count(where: { !$0.isWhitespace }) >= 20)
        Golden.assertText(crop.canvas, named: "invoice-total-crop")
    }

    /// Counts the reads of a `.fetched` source.
    private final class Reads: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
    }

    /// The pipeline with the invoice PDF as its `.fetched` source, and the count of its reads.
    private func countingReads() throws -> (MediaPipeline, Reads) {
        let bytes = try MediaFixtures.bytes("documents/invoice-and-receipt.pdf")
        let reads = Reads()
        var counting = pipeline
        counting.fetch = { _ in
            reads.count.withLock { $0 += 1 }
            return bytes
        }
        return (counting, reads)
    }

    @Test("every field's crop, into regions of any size, is cut from one decode of its page")
    func cropsShareOneDecodeOfThePage() throws {
        let (counting, reads) = try countingReads()
        let page = MediaReference(source: .fetched(key: "invoice")), total = try totalBox()
        let other = BoundingBox(left: 0.1, top: 0.1, width: 0.3, height: 0.02)
        for (box, size) in [(total, Size(rows: 4, columns: 47)), (other, Size(rows: 4, columns: 95)), (total, Size(rows: 60, columns: 200))] {
            #expect(counting.crop(of: page, box: box, fitting: size).problem == nil)
        }
        #expect(reads.value == 1)
    }

    @Test func theSecondPageOfTheDocumentIsTheReceipt() {
        let first = pipeline.picture(of: invoice, fitting: Size(rows: 20, columns: 40))
        let second = pipeline.picture(of: invoice.onPage(2), fitting: Size(rows: 20, columns: 40))
        #expect(second.problem == nil && first.canvas != second.canvas)
        #expect(second.canvas.size.columns < first.canvas.size.columns)
        #expect(pipeline.picture(of: invoice.onPage(3), fitting: Size(rows: 20, columns: 40)).problem == .pageOutOfRange(page: 3, pages: 2))
    }

    @Test("a second render of a picture comes from the cache: the same picture, its bytes read once")
    func cachedRendersAreTheSame() throws {
        let (counting, reads) = try countingReads()
        let reference = MediaReference(source: .fetched(key: "invoice")), size = Size(rows: 20, columns: 40)
        let first = counting.picture(of: reference, fitting: size)
        #expect(first.problem == nil)
        #expect(counting.picture(of: reference, fitting: size) == first)
        #expect(reads.value == 1)
    }

    @Test func placeholdersSayWhy() throws {
        let missing = pipeline.picture(of: MediaReference(source: .s3(bucket: "ugc-uploads", key: "2024/05/img-0001.jpg", version: nil)),
                                       fitting: Size(rows: 7, columns: 40))
        #expect(missing.problem == .missing(path: "s3://ugc-uploads/2024/05/img-0001.jpg"))
        Golden.assertText(missing.canvas, named: "placeholder-missing")
        let outside = pipeline.picture(of: MediaReference(source: .path("/etc/passwd")), fitting: Size(rows: 7, columns: 40))
        #expect(outside.problem == .notUnderRoot(path: "/etc/passwd", roots: [MediaFixtures.path("objects"), MediaFixtures.path("documents")]))
        let corrupt = pipeline.picture(of: MediaReference(source: .bytes(try MediaFixtures.bytes("corrupt/truncated.png"))),
                                       fitting: Size(rows: 7, columns: 40))
        guard case .corrupt(format: .png, detail: _)? = corrupt.problem else { Issue.record("not corrupt: \(String(describing: corrupt.problem))"); return }
        #expect(corrupt.canvas.cells.contains { $0.role == .placeholder })
    }

    @Test func placeholderTextIsSanitised() {
        let hostile = MediaPlaceholder.canvas(for: .missing(path: "a\u{1B}[2Jb"), size: Size(rows: 5, columns: 40))
        #expect(hostile.cells.allSatisfy { !$0.grapheme.unicodeScalars.contains("\u{1B}") })
        #expect(hostile.textDump().contains("␛[2J"))
    }
}
