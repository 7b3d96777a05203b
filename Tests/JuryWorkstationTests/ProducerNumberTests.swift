import JuryCore
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

/// A moderation task's label tree as a producer's response gives it, however deep or tangled.
@Suite("Moderation label trees")
struct ModerationTreeTests {
    @Test("a chain of 5,000 labels is one tree, parents first, every ancestor of the reported one in the model's answer")
    func deepChains() {
        let count = 5_000
        let labels: [JSONValue] = (0..<count).map { index in
            ["Name": .string("L\(index)"), "ParentName": .string(index == 0 ? "" : "L\(index - 1)"), "Confidence": 90]
        }
        let reported = ModerationTask(input: ["aiServiceResponse": ["ModerationLabels": [labels[count - 1]]]],
                                      marks: ActivationMarks(results: .null),
                                      flowLabels: (0..<(count - 1)).map { ModerationLabelName(name: "L\($0)", parentName: $0 == 0 ? "" : "L\($0 - 1)") })
        #expect(reported.labels.map(\.name) == (0..<count).map { "L\($0)" })
        #expect(reported.labels.map(\.depth) == Array(0..<count))
        #expect(reported.labels.allSatisfy { $0.isInModelAnswer })
    }

    @Test("siblings keep the response's order under their parent, and a parent loop still places every label once")
    func siblingsAndLoops() {
        let label = { (name: String, parent: String) -> JSONValue in ["Name": .string(name), "ParentName": .string(parent), "Confidence": 80] }
        let task = ModerationTask(input: ["aiServiceResponse": ["ModerationLabels": [
            label("Weapons", "Violence"), label("Violence", ""), label("Blood", "Violence"), label("A", "B"), label("B", "A"),
        ]]], marks: ActivationMarks(results: .null), flowLabels: [])
        #expect(task.labels.map(\.name) == ["Violence", "Weapons", "Blood", "A", "B"])
        #expect(task.labels.map(\.depth) == [0, 1, 1, 0, 1])
    }
}
