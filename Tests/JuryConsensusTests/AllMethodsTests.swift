import Foundation
import Testing
@testable import JuryConsensus

@Suite("Every categorical method")
struct AllMethodsTests {
    @Test("unanimous answers give that label", arguments: AggregationMethod.allCases)
    func unanimous(method: AggregationMethod) {
        let data = answers("a t1 x\nb t1 x\nc t1 x\na t2 y\nb t2 y\nc t2 y")
        let result = Aggregator().aggregate(data, method: method)
        #expect(result.labelsByTask == ["t1": "x", "t2": "y"])
        #expect(result.items.allSatisfy { $0.confidence > 0.5 && $0.unresolved == nil })
        #expect(result.items.allSatisfy { abs($0.probabilities.reduce(0, +) - 1) < 1e-9 })
    }

    @Test("relabelling the classes relabels the answer", arguments: AggregationMethod.allCases)
    func relabelling(method: AggregationMethod) {
        let rename = ["0": "red", "1": "green", "2": "blue"]
        for seed in [11, 12, 13] as [UInt64] {
            let data = randomCrowd(seed: seed)
            let renamed = data.map { Answer(worker: $0.worker, task: $0.task, label: rename[$0.label]!) }
            let before = Aggregator().aggregate(data, method: method)
            let after = Aggregator().aggregate(renamed, method: method)
            #expect(before.items.map { rename[$0.label]! } == after.items.map(\.label))
            let gaps = zip(before.items, after.items).map { abs($0.confidence - $1.confidence) }
            #expect(gaps.allSatisfy { $0 < 1e-9 })
        }
    }

    @Test("every method beats a coin on a clean synthetic crowd", arguments: AggregationMethod.allCases)
    func recoversTruth(method: AggregationMethod) {
        var gold: [String: String] = [:]
        var data: [Answer] = []
        for t in 0..<40 {
            let truth = t % 2 == 0 ? "a" : "b", wrong = truth == "a" ? "b" : "a"
            gold["t\(t)"] = truth
            data.append(Answer(worker: "expert", task: "t\(t)", label: truth))
            data.append(Answer(worker: "decent", task: "t\(t)", label: t % 5 == 0 ? wrong : truth))
            data.append(Answer(worker: "fair", task: "t\(t)", label: t % 4 == 1 ? wrong : truth))
        }
        let result = Aggregator().aggregate(data, method: method)
        #expect(result.accuracy(gold: gold).accuracy >= 0.9)
        #expect(result.skills.reviewers.count == 3)
    }

    @Test("Dawid-Skene learns that a reviewer always answers the opposite")
    func adversarialReviewer() {
        var data: [Answer] = []
        for t in 0..<30 {
            let truth = t % 3 == 0 ? "a" : "b", flipped = truth == "a" ? "b" : "a"
            data += [Answer(worker: "p", task: "t\(t)", label: truth),
                     Answer(worker: "q", task: "t\(t)", label: truth),
                     Answer(worker: "liar", task: "t\(t)", label: flipped)]
        }
        let result = Aggregator().aggregate(data, method: .ds)
        let liar = result.skills.reviewers["liar"]!
        let a = result.labels.firstIndex(of: "a")!, b = result.labels.firstIndex(of: "b")!
        #expect(liar.confusion![a][b] > 0.99)
        #expect(liar.confusion![b][a] > 0.99)
        #expect(liar.accuracy < 0.01)
        #expect(result.skills.reviewers["p"]!.accuracy > 0.99)
    }

    @Test("skills survive a JSON round trip and can seed the next run")
    func skillsRoundTrip() throws {
        let data = randomCrowd(seed: 7)
        let first = Aggregator().aggregate(data, method: .ds)
        let stored = try JSONEncoder().encode(first.skills)
        let loaded = try JSONDecoder().decode(ReviewerSkills.self, from: stored)
        #expect(loaded == first.skills)
        let seeded = Aggregator(options: .init(priorSkills: loaded)).aggregate(data, method: .ds)
        let agree = zip(first.items, seeded.items).filter { $0.label == $1.label }.count
        #expect(agree >= first.items.count - 2)
    }

    @Test("weighted vote follows stored skills")
    func weightedVoteUsesPriors() {
        let data = answers("a t1 x\nb t1 y\nc t1 y")
        let prior = ReviewerSkills(method: .wmv, labels: ["x", "y"], reviewers: [
            "a": ReviewerSkill(accuracy: 0.99, answers: 100),
            "b": ReviewerSkill(accuracy: 0.6, answers: 100),
            "c": ReviewerSkill(accuracy: 0.6, answers: 100),
        ])
        #expect(labels(data, .mv) == ["t1": "y"])
        #expect(labels(data, .wmv, options: .init(priorSkills: prior)) == ["t1": "x"])
        #expect(labels(data, .wawa, options: .init(priorSkills: prior)) == ["t1": "y"])
    }

    @Test("accuracy against gold counts missing predictions as wrong")
    func goldAccuracy() {
        let accuracy = GoldAccuracy(predicted: ["t1": "x", "t2": "y"], gold: ["t1": "x", "t2": "x", "t3": "x"])
        #expect(accuracy.correct == 1)
        #expect(accuracy.missing == 1)
        #expect(accuracy.total == 3)
        #expect(abs(accuracy.accuracy - 1.0 / 3) < 1e-12)
    }
}
