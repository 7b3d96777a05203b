import JuryJSON
import JuryMedia
import Testing
@testable import JuryWorkstation

/// Numbers a producer wrote into a loop reach the screens as text or not at all, never as a crash.
@Suite("Producer numbers on the screens")
struct ProducerNumberTests {
    @Test("percentages, sizes and pixel counts beyond any integer show as unknown")
    func numbersBeyondAnyInteger() {
        #expect(Format.percent(62.4) == "62%")
        #expect(Format.percent(1e19) == "–" && Format.percent(-1e300) == "–" && Format.percent(.nan) == "–")
        #expect(Format.bytes(JSONValue.number(1536)) == "1 KB")
        #expect(Format.bytes(JSONValue.number(1e19)) == nil && Format.bytes(JSONValue.number(-5)) == nil && Format.bytes(JSONValue.number(2.5)) == nil)
        #expect(Format.pixels(JSONValue.number(1700), JSONValue.number(2200)) == "1700×2200 px")
        #expect(Format.pixels(JSONValue.number(1e19), JSONValue.number(2200)) == nil)
    }

    @Test("a bounding box outside what Textract gives is no box, so no outline is drawn from it")
    func boxesOutsideThePage() {
        let box = { (left: Double, width: Double) -> JSONValue in
            ["BoundingBox": ["Left": .number(left), "Top": 0.1, "Width": .number(width), "Height": 0.05]]
        }
        #expect(BoundingBox(geometry: box(0.2, 0.3)) == BoundingBox(left: 0.2, top: 0.1, width: 0.3, height: 0.05))
        #expect(BoundingBox(geometry: box(1e300, 0.3)) == nil)
        #expect(BoundingBox(geometry: box(0.2, -0.1)) == nil)
        #expect(BoundingBox(geometry: box(-0.01, 1.02)) != nil)
    }
}
