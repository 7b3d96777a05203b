import Testing
@testable import JuryConsensus

@Suite("Majority vote")
struct MajorityVoteTests {
    @Test("a unanimous item gets its label with confidence 1")
    func unanimous() {
        let result = Aggregator().aggregate(answers("a t1 cat\nb t1 cat\nc t1 cat"), method: .mv)
        #expect(result.items.count == 1)
        #expect(result.items[0].label == "cat")
        #expect(result.items[0].confidence == 1)
        #expect(result.items[0].unresolved == nil)
    }

    @Test("a 2-1 split gives the majority with confidence 2/3")
    func split() {
        let item = Aggregator().aggregate(answers("a t1 cat\nb t1 dog\nc t1 cat"), method: .mv).items[0]
        #expect(item.label == "cat")
        #expect(abs(item.confidence - 2.0 / 3) < 1e-12)
        #expect(item.agreement == item.confidence)
    }

    @Test("a tie is unresolved by default, labelled with the first label seen")
    func tieUnresolved() {
        let item = Aggregator().aggregate(answers("a t1 dog\nb t1 cat"), method: .mv).items[0]
        #expect(item.unresolved == .tie)
        #expect(item.label == "dog")
        #expect(item.tiedLabels == ["dog", "cat"])
    }

    @Test("tie-breakers settle a tie deterministically")
    func tieBreakers() {
        let data = answers("a t1 dog\nb t1 cat")
        let byOrder = Aggregator(options: .init(tieBreaker: .labelOrder, labels: ["cat", "dog"]))
            .aggregate(data, method: .mv).items[0]
        #expect(byOrder.label == "cat" && byOrder.unresolved == nil)
        let preferred = Aggregator(options: .init(tieBreaker: .preference(["fox", "dog"])))
            .aggregate(data, method: .mv).items[0]
        #expect(preferred.label == "dog" && preferred.unresolved == nil)
        let unmatched = Aggregator(options: .init(tieBreaker: .preference(["fox"])))
            .aggregate(data, method: .mv).items[0]
        #expect(unmatched.unresolved == .tie)
    }

    @Test("a declared class nobody chose is a column with probability 0")
    func neverSeenClass() {
        let result = Aggregator(options: .init(labels: ["bird"]))
            .aggregate(answers("a t1 cat\nb t1 cat"), method: .mv)
        #expect(result.labels == ["bird", "cat"])
        #expect(result.items[0].probabilities == [0, 1])
        #expect(result.items[0].label == "cat")
    }

    @Test("a reviewer always wrong gets skill 0, always right gets 1")
    func reviewerSkills() {
        let data = answers("""
        good t1 x
        ok t1 x
        bad t1 y
        good t2 y
        ok t2 y
        bad t2 x
        """)
        let skills = Aggregator().aggregate(data, method: .mv).skills.reviewers
        #expect(skills["good"]?.accuracy == 1)
        #expect(skills["bad"]?.accuracy == 0)
        #expect(skills["bad"]?.answers == 2)
    }

    @Test("duplicating every reviewer changes nothing", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func duplicationInvariance(seed: UInt64) {
        let data = randomCrowd(seed: seed)
        let twins = data + data.map { Answer(worker: $0.worker + "'", task: $0.task, label: $0.label) }
        let once = Aggregator().aggregate(data, method: .mv)
        let twice = Aggregator().aggregate(twins, method: .mv)
        #expect(once.items.map(\.label) == twice.items.map(\.label))
        #expect(once.items.map(\.confidence) == twice.items.map(\.confidence))
        #expect(once.items.map(\.unresolved) == twice.items.map(\.unresolved))
    }

    @Test("the tuple entry point equals the Answer entry point")
    func tupleEntryPoint() {
        let tuples = [(worker: "a", task: "t", label: "x"), (worker: "b", task: "t", label: "x")]
        let result = Aggregator().aggregate(tuples, method: .mv)
        #expect(result.labelsByTask == ["t": "x"])
    }

    @Test("no answers give no items")
    func empty() {
        let result = Aggregator().aggregate([Answer](), method: .ds)
        #expect(result.items.isEmpty)
        #expect(result.skills.reviewers.isEmpty)
    }

    @Test("method names are exactly the CLI spellings")
    func methodNames() {
        #expect(AggregationMethod.allCases.map(\.rawValue)
                == ["mv", "wmv", "wawa", "zbs", "ds", "onecoin-ds", "glad", "mace", "ibcc", "ebcc"])
    }
}
