import JuryCanvas
import Testing

@Suite struct HyperlinkTests {
    @Test func fileURLsPercentEncodeEverythingButUnreservedCharacters() {
        #expect(Hyperlink.fileURL(path: "/srv/objects/ugc-uploads/img_0001.jpg", host: "review-1") == "file://review-1/srv/objects/ugc-uploads/img_0001.jpg")
        #expect(Hyperlink.fileURL(path: "/a b/\u{1B}]8;;x\u{7}/é.jpg", host: "h\u{1B}") == "file://h%1B/a%20b/%1B%5D8%3B%3Bx%07/%C3%A9.jpg")
    }

    @Test func targetsWithControlsSpacesOrNonASCIIAreRefused() {
        let region = Rect(row: 0, column: 0, rows: 1, columns: 2)
        for bad in ["", "file:///a\u{1B}\\b", "file:///a\u{7}", "file:///a b", "file:///é", "file:///\u{9B}", String(repeating: "a", count: 2049)] {
            #expect(Hyperlink(region: region, target: bad) == nil)
        }
        #expect(Hyperlink(region: region, target: "file://h/a%20b")?.target == "file://h/a%20b")
        var canvas = Canvas(size: Size(rows: 2, columns: 4))
        canvas.link(region, to: "file:///x\u{1B}]0;pwned\u{7}")
        #expect(canvas.links.isEmpty)
    }

    @Test func blitCarriesLinksMovedAndClippedAndFillDropsThem() {
        var picture = Canvas(size: Size(rows: 2, columns: 3))
        picture.link(Rect(picture.size), to: "file://h/p.jpg")
        var screen = Canvas(size: Size(rows: 4, columns: 4))
        screen.blit(picture, at: Point(row: 1, column: 2))
        #expect(screen.links.map(\.region) == [Rect(row: 1, column: 2, rows: 2, columns: 2)])
        screen.fill(Rect(row: 0, column: 0, rows: 2, columns: 4))
        #expect(screen.links.isEmpty)
        screen.blit(picture, at: Point(row: 0, column: 0))
        screen.blit(Canvas(size: Size(rows: 1, columns: 1)), at: Point(row: 1, column: 1))
        #expect(screen.links.isEmpty)
    }

    @Test func redrawnWritesTheCellsInsideOSC8WithTheirLook() {
        var canvas = Canvas(size: Size(rows: 3, columns: 5))
        canvas.put("ab", row: 1, column: 2)
        canvas.place(Cell(grapheme: "\u{7}", width: 1, role: .dim), row: 2, column: 3)
        canvas.place(Cell(grapheme: "\u{202E}", width: 1, role: .dim), row: 2, column: 4)
        canvas.link(Rect(row: 1, column: 2, rows: 2, columns: 3), to: "file://h/p")
        let bytes = canvas.links[0].redrawn(from: canvas) { $0.role == .dim ? "<dim>" : "<n>" }
        let expected = "\u{1B}7" + "\u{1B}[2;3H\u{1B}]8;;file://h/p\u{1B}\\<n>ab \u{1B}]8;;\u{1B}\\"
            + "\u{1B}[3;3H\u{1B}]8;;file://h/p\u{1B}\\<n> <dim>??\u{1B}]8;;\u{1B}\\" + "\u{1B}[0m\u{1B}8"
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func linksAreRewrittenWhenTheyChangeOrTheirCellsDo() {
        var before = Canvas(size: Size(rows: 3, columns: 5))
        before.link(Rect(row: 0, column: 0, rows: 1, columns: 2), to: "file://h/a")
        var after = before
        after.put("x", row: 2, column: 4)
        #expect(FrameDiff.linksToRewrite(from: before, to: after, changes: FrameDiff.changes(from: before, to: after)).isEmpty)
        after.put("y", row: 0, column: 1)
        #expect(FrameDiff.linksToRewrite(from: before, to: after, changes: FrameDiff.changes(from: before, to: after)) == before.links)
        #expect(FrameDiff.linksToRewrite(from: nil, to: after, changes: []) == before.links)
        #expect(!FrameDiff.dropsLinks(from: before, to: after) && !FrameDiff.dropsLinks(from: nil, to: after))
        after.fill(Rect(after.size))
        #expect(FrameDiff.dropsLinks(from: before, to: after))
    }
}
