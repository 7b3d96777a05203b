import JuryCanvas
import Testing

@Suite("Sparkline")
struct SparklineTests {
    @Test("eight heights scaled to the largest value; zero, negative and NaN are the lowest")
    func heights() {
        #expect(Sparkline([0, 1, 2, 3, 4, 5, 6, 7]).text(width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline([0, -3, .nan, 7]).text(width: 4) == "▁▁▁█")
        #expect(Sparkline([0, 0, 0]).text(width: 3) == "▁▁▁")
        #expect(Sparkline([1, 2], maximum: 4).text(width: 2) == "▃▅")
    }

    @Test("more values than columns: buckets keep their largest value, newest on the right")
    func buckets() {
        #expect(Sparkline([1, 0, 0, 0, 0, 8]).text(width: 3) == "▂▁█")
        #expect(Sparkline(Array(repeating: 1, count: 288) + [2]).text(width: 10).count == 10)
        #expect(Sparkline([]).text(width: 10) == "")
        #expect(Sparkline([3]).text(width: 0) == "")
    }

    @Test("the ASCII glyphs for terminals without Unicode")
    func ascii() {
        #expect(Sparkline([0, 1, 2, 3, 4, 5, 6, 7], glyphs: .ascii).text(width: 8) == "_.-~=+*#")
    }

    @Test("render right-aligns fewer values than columns, in the role given")
    func render() {
        var canvas = Canvas(size: Size(rows: 1, columns: 6))
        Sparkline([1, 2]).render(into: &canvas, row: 0, column: 0, width: 6, role: .barFilled)
        #expect(canvas.line(0) == "    ▅█")
        #expect(canvas.roleDump() == "....==")
    }
}
