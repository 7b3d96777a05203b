import Testing
@testable import JuryConsensus

@Suite("Answer encoding")
struct AnswerMatrixTests {
    /// Numbers names by first sight with a dictionary: the reference the interner must match.
    func referenceNumbers(_ names: [String]) -> (names: [String], numbers: [Int]) {
        var seen: [String: Int] = [:], order: [String] = []
        let numbers = names.map { name in
            if let known = seen[name] { return known }
            seen[name] = order.count
            order.append(name)
            return order.count - 1
        }
        return (order, numbers)
    }

    @Test("numbers follow first sight for thousands of short, long and non-ASCII names",
          arguments: [7, 8, 9] as [UInt64])
    func numbersMatchReference(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let alphabet = Array("abcxyz-_01é漢🐈")
        let pool = (0..<3000).map { _ in
            String((0..<Int.random(in: 1...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        }
        let drawn = (0..<20_000).map { _ in pool.randomElement(using: &rng)! }
        let answers = drawn.enumerated().map { Answer(worker: $1, task: "t\($0 / 4)", label: $1) }
        let matrix = AnswerMatrix(answers)
        let reference = referenceNumbers(drawn)
        #expect(matrix.workers == reference.names)
        #expect(matrix.labels == reference.names)
        #expect((0..<answers.count).map(matrix.worker) == reference.numbers)
        #expect((0..<answers.count).map(matrix.label) == reference.numbers)
    }

    @Test("a name is one number whichever way its string is stored")
    func representationDoesNotSplitAName() {
        var stored = "w1"
        stored.reserveCapacity(64)
        var longStored = "reviewer-with-a-long-name"
        longStored.reserveCapacity(128)
        let answers = [Answer(worker: "w1", task: "t1", label: "a"),
                       Answer(worker: stored, task: "t1", label: "a"),
                       Answer(worker: "reviewer-with-a-long-name", task: "t2", label: "a"),
                       Answer(worker: longStored, task: "t2", label: "a"),
                       Answer(worker: String("xw1".dropFirst()), task: "t2", label: "a")]
        let matrix = AnswerMatrix(answers)
        #expect(matrix.workers == ["w1", "reviewer-with-a-long-name"])
        #expect((0..<answers.count).map(matrix.worker) == [0, 0, 1, 1, 0])
    }

    @Test("Unicode-equivalent names are one name, as Swift's string equality says")
    func equivalentNamesAreOne() {
        let matrix = AnswerMatrix(answers("a t1 caf\u{E9}\nb t1 cafe\u{301}\nc t1 K\nd t1 \u{212A}"))
        #expect(matrix.labels == ["caf\u{E9}", "K"])
        let split = AnswerMatrix(answers("a caf\u{E9} x\nb cafe\u{301} x\nc t2 x\nd cafe\u{301} x"))
        #expect(split.tasks == ["caf\u{E9}", "t2"])
        #expect((0..<split.answerCount).map(split.task) == [0, 0, 0, 1])
    }

    @Test("reviewers whose ids differ only in how an accent is encoded aggregate as one")
    func equivalentReviewersAggregate() {
        let data = answers("Zo\u{EB} t1 a\nbo t1 a\nZoe\u{308} t2 b\nbo t2 b")
        for method in AggregationMethod.allCases {
            let result = Aggregator().aggregate(data, method: method)
            #expect(result.skills.reviewers.count == 2)
            #expect(result.skills.reviewers["Zoe\u{308}"]?.answers == 2)
        }
    }

    @Test("interleaved answers are grouped by task, in first-sight order, keeping input order")
    func interleavedAnswersAreGrouped() {
        let matrix = AnswerMatrix(answers("a t1 x\nb t2 y\nc t1 z\nd t3 x\ne t2 x"))
        #expect(matrix.tasks == ["t1", "t2", "t3"])
        let byTask = matrix.tasks.indices.map { t in
            matrix.answers(of: t).map { "\(matrix.workers[matrix.worker($0)])\(matrix.labels[matrix.label($0)])" }
        }
        #expect(byTask == [["ax", "cz"], ["by", "ex"], ["dx"]])
        #expect((0..<matrix.answerCount).map(matrix.task) == [0, 0, 1, 1, 2])
    }
}
