import Foundation
import JuryJSON
import Testing
@testable import JuryConsensus

@Suite("Escalation and the consensus block")
struct EscalationAndBlockTests {
    let policy = EscalationPolicy(threshold: 0.7, maxExtraReviewers: 2, minAnswers: 2)

    @Test("confident results are accepted; weak ones add reviewers, then go to the lead")
    func decisions() {
        #expect(policy.decide(confidence: 0.9, answers: 3, unresolved: nil, extraReviewers: 0) == .accept)
        #expect(policy.decide(confidence: 0.6, answers: 3, unresolved: nil, extraReviewers: 0)
                == .addReviewer(.lowConfidence))
        #expect(policy.decide(confidence: 0.6, answers: 5, unresolved: nil, extraReviewers: 2)
                == .handToLead(.lowConfidence))
        #expect(policy.decide(confidence: 0.9, answers: 3, unresolved: .tie, extraReviewers: 1)
                == .addReviewer(.tie))
        #expect(policy.decide(confidence: 1, answers: 1, unresolved: nil, extraReviewers: 0)
                == .addReviewer(.tooFewAnswers))
    }

    @Test("decisions encode as action and reason, and decode back")
    func decisionCoding() throws {
        let data = try JSONEncoder().encode(EscalationDecision.handToLead(.tie))
        #expect(String(decoding: data, as: UTF8.self).contains("\"hand-to-lead\""))
        #expect(try JSONDecoder().decode(EscalationDecision.self, from: data) == .handToLead(.tie))
    }

    @Test("a classification block encodes deterministically with sorted keys")
    func classificationJSON() throws {
        let result = Aggregator().aggregate(answers("a t1 cat\nb t1 dog\nc t1 cat"), method: .mv)
        let block = ConsensusBlock.classification(result.items[0], method: .mv, policy: policy)
        let json = String(decoding: try block.jsonData(), as: UTF8.self)
        #expect(json == #"{"agreement":0.666667,"answers":3,"confidence":0.666667,"escalation":{"action":"add-reviewer","reason":"low-confidence"},"method":"mv","reason":"low-confidence","taskType":"classification","unresolved":true,"value":"cat"}"#)
    }

    @Test("a tie without a policy is unresolved with reason tie")
    func tieBlock() {
        let result = Aggregator().aggregate(answers("a t1 cat\nb t1 dog"), method: .mv)
        let block = ConsensusBlock.classification(result.items[0], method: .mv)
        #expect(block.unresolved && block.reason == .tie && block.escalation == nil)
    }

    @Test("a tied classification or free text has no value: no reviewer's answer stands for the split")
    func tiesHaveNoValue() {
        let labels = Aggregator().aggregate(answers("a t1 cat\nb t1 dog"), method: .mv)
        #expect(ConsensusBlock.classification(labels.items[0], method: .mv).value == nil)
        let texts = FreeTextAggregator().aggregate([FreeTextAnswer(worker: "a", task: "q", text: "The model's text."),
                                                    FreeTextAnswer(worker: "b", task: "q", text: "An edited text.")])[0]
        let block = ConsensusBlock.freeText(texts)
        #expect(block.value == nil && block.unresolved && block.reason == .tie)
    }

    @Test("moderation, form and free-text blocks carry their values")
    func otherBlocks() throws {
        let moderation = ModerationAggregator(vocabulary: ["x"]).aggregate(
            [ModerationAnswer(worker: "a", task: "i", labels: ["x"]),
             ModerationAnswer(worker: "b", task: "i", labels: ["x"])])[0]
        let m = ConsensusBlock.moderation(moderation, method: .mv)
        #expect(m.labelSet == ["x"] && m.labels?["x"]?.applies == true && !m.unresolved)
        let form = FormAggregator().aggregate([FormAnswer(worker: "a", task: "d", fields: ["n": "1,5"]),
                                               FormAnswer(worker: "b", task: "d", fields: ["n": "1.5"])])[0]
        let f = ConsensusBlock.form(form)
        #expect(f.fields?["n"]?.value == "1,5" && f.confidence == 1)
        let text = FreeTextAggregator().aggregate([FreeTextAnswer(worker: "a", task: "q", text: "Paris"),
                                                   FreeTextAnswer(worker: "b", task: "q", text: "paris")])[0]
        let t = ConsensusBlock.freeText(text)
        #expect(t.value == "Paris" && t.taskType == .freeText)
        let decoded = try JSONDecoder().decode(ConsensusBlock.self, from: f.jsonData())
        #expect(decoded == f)
    }

    @Test("the block as a JSON value writes the very bytes jsonData() encodes, for every kind of block")
    func jsonValueMatchesEncoder() throws {
        let split = Aggregator().aggregate(answers("a t1 cat\nb t1 dog\nc t1 cat"), method: .ds).items[0]
        let moderation = ModerationAggregator(vocabulary: ["x", "y"]).aggregate(
            [ModerationAnswer(worker: "a", task: "i", labels: ["x"]), ModerationAnswer(worker: "b", task: "i", labels: ["x", "y"]),
             ModerationAnswer(worker: "c", task: "i", labels: [])])[0]
        let form = FormAggregator().aggregate([FormAnswer(worker: "a", task: "d", fields: ["n": "1,5", "m": "a/b"]),
                                               FormAnswer(worker: "b", task: "d", fields: ["n": "1.5"])])[0]
        let text = FreeTextAggregator().aggregate([FreeTextAnswer(worker: "a", task: "q", text: "Paris \u{1F600}"),
                                                   FreeTextAnswer(worker: "b", task: "q", text: "paris")])[0]
        let blocks = [ConsensusBlock.classification(split, method: .ds, policy: policy), ConsensusBlock.classification(split, method: .mv),
                      ConsensusBlock.moderation(moderation, method: .mv), ConsensusBlock.form(form), ConsensusBlock.freeText(text)]
        for block in blocks {
            let encoded = try JSONValue.parse(block.jsonData())
            #expect(block.jsonValue == encoded)
            #expect(block.jsonValue.encoded() == encoded.encoded())
        }
    }
}
