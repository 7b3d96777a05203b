import Testing
@testable import JuryConsensus

@Suite("Document forms")
struct FormTests {
    let normalizer = ValueNormalizer()

    @Test("numbers agree across separators and decimal marks")
    func numbers() {
        #expect(normalizer.normalize("1,240.00") == .number(1240))
        #expect(normalizer.normalize("1240.00") == .number(1240))
        #expect(normalizer.normalize("1.240,00") == .number(1240))
        #expect(normalizer.normalize("$1 240") == .number(1240))
        #expect(normalizer.normalize("1.240") == .number(1.24))
        #expect(normalizer.normalize("-3,5") == .number(-3.5))
    }

    @Test("dates, text and blanks")
    func datesAndText() {
        #expect(normalizer.normalize("2024-03-05") == .date("2024-03-05"))
        #expect(normalizer.normalize("March 5, 2024") == .date("2024-03-05"))
        #expect(normalizer.normalize("5 Mar 2024") == .date("2024-03-05"))
        #expect(normalizer.normalize("03/05/2024") == .date("2024-03-05"))
        #expect(ValueNormalizer(slashDates: .dayFirst).normalize("03/05/2024") == .date("2024-05-03"))
        #expect(normalizer.normalize("05.03.2024") == .date("2024-03-05"))
        #expect(normalizer.normalize("  ＡＣＭＥ   Corp ") == .text("acme corp"))
        #expect(normalizer.normalize("   ") == .missing)
        #expect(normalizer.normalize(nil) == .missing)
    }

    @Test("a field's consensus keeps a reviewer's spelling")
    func keepsSpelling() {
        let forms = [
            FormAnswer(worker: "a", task: "doc", fields: ["total": "1,240.00", "vendor": "ACME"]),
            FormAnswer(worker: "b", task: "doc", fields: ["total": "1240.00", "vendor": "Acme "]),
            FormAnswer(worker: "c", task: "doc", fields: ["total": "1240.00"]),
        ]
        let doc = FormAggregator().aggregate(forms)[0]
        #expect(doc.fields["total"]?.value == "1240.00")
        #expect(doc.fields["total"]?.votes == 3)
        #expect(doc.fields["total"]?.confidence == 1)
        #expect(doc.fields["vendor"]?.value == "ACME")
        #expect(doc.fields["vendor"]?.votes == 2)
    }

    @Test("key-missing votes count and can win")
    func missingKey() {
        let decision = FormAggregator().decide([nil, "", "12"])
        #expect(decision.value == nil)
        #expect(decision.normalized == "#missing")
        #expect(decision.votes == 2)
    }

    @Test("a group of numbers spans at most the tolerance from its smallest, whatever blanks sit between them")
    func numberGroupsIgnoreBlanks() {
        let decision = FormAggregator().decide(["1.004", nil, "1.000", "1.008"])
        #expect(decision.votes == 2 && decision.confidence == 0.5 && decision.value == "1.004")
    }

    @Test("numbers within the tolerance agree; a tie is unresolved")
    func toleranceAndTie() {
        let close = FormAggregator(numberTolerance: 0.01).decide(["10.00", "10.004", "12"])
        #expect(close.votes == 2 && close.unresolved == nil)
        let tie = FormAggregator().decide(["10", "12"])
        #expect(tie.unresolved == .tie)
        #expect(tie.value == "10")
    }
}

@Suite("Image moderation")
struct ModerationTests {
    @Test("per-label decisions form the label set")
    func labelSet() {
        let picks = [
            ModerationAnswer(worker: "a", task: "img", labels: ["nudity", "violence"]),
            ModerationAnswer(worker: "b", task: "img", labels: ["violence"]),
            ModerationAnswer(worker: "c", task: "img", labels: ["violence", "drugs"]),
        ]
        let item = ModerationAggregator(vocabulary: ["nudity", "violence", "drugs"]).aggregate(picks)[0]
        #expect(item.labelSet == ["violence"])
        #expect(item.decisions["violence"]?.confidence == 1)
        #expect(abs((item.decisions["nudity"]?.confidence ?? 0) - 2.0 / 3) < 1e-6)
        #expect(item.noneApplies.applies == false)
        #expect(item.unresolved == nil)
    }

    @Test("a label the answers split evenly on stays a tie under every method, unless ties go by label order",
          arguments: AggregationMethod.allCases)
    func evenSplitsStayTies(_ method: AggregationMethod) {
        let picks = [
            ModerationAnswer(worker: "a", task: "img", labels: ["violence", "weapons"]),
            ModerationAnswer(worker: "b", task: "img", labels: ["weapons"]),
        ]
        let item = ModerationAggregator(vocabulary: ["violence", "weapons"], method: method).aggregate(picks)[0]
        #expect(item.decisions["violence"]?.unresolved == .tie && item.unresolved == .tie)
        #expect((item.decisions["violence"]?.confidence ?? 1) <= 0.5)
        #expect(item.decisions["weapons"]?.unresolved == nil && item.decisions["weapons"]?.applies == true)
        var byOrder = AggregationOptions()
        byOrder.tieBreaker = .labelOrder
        let settled = ModerationAggregator(vocabulary: ["violence", "weapons"], method: method, options: byOrder).aggregate(picks)[0]
        #expect(settled.decisions["violence"]?.unresolved == nil)
    }

    @Test("\"no label applies\" is a real answer")
    func noneApplies() {
        let picks = [
            ModerationAnswer(worker: "a", task: "img", labels: []),
            ModerationAnswer(worker: "b", task: "img", labels: []),
            ModerationAnswer(worker: "c", task: "img", labels: ["drugs"]),
        ]
        let item = ModerationAggregator(vocabulary: ["drugs"]).aggregate(picks)[0]
        #expect(item.labelSet.isEmpty)
        #expect(item.noneApplies.applies)
        #expect(abs(item.noneApplies.confidence - 2.0 / 3) < 1e-6)
        #expect(item.unresolved == nil)
    }

    @Test("per-label votes that contradict \"none applies\" are a conflict")
    func conflict() {
        let picks = [
            ModerationAnswer(worker: "a", task: "img", labels: ["x"]),
            ModerationAnswer(worker: "b", task: "img", labels: ["y"]),
            ModerationAnswer(worker: "c", task: "img", labels: ["z"]),
        ]
        let item = ModerationAggregator(vocabulary: ["x", "y", "z"]).aggregate(picks)[0]
        #expect(item.labelSet.isEmpty)
        #expect(item.noneApplies.applies == false)
        #expect(item.unresolved == .conflict)
    }
}

@Suite("Free text")
struct FreeTextTests {
    @Test("the most central answer is chosen verbatim")
    func central() {
        let texts = ["The cat sat.", "the  cat sat", "A dog ran away", "The cat sat!"]
        let picks = texts.enumerated().map { FreeTextAnswer(worker: "w\($0.offset)", task: "t", text: $0.element) }
        let item = FreeTextAggregator().aggregate(picks)[0]
        #expect(texts.contains(item.text))
        #expect(item.text.lowercased().contains("cat"))
        #expect(item.confidence > 0.5 && item.confidence < 1)
        #expect(item.unresolved == nil)
    }

    @Test("two different answers tie; one answer is too few")
    func tieAndSingle() {
        let two = FreeTextAggregator().aggregate([FreeTextAnswer(worker: "a", task: "t", text: "yes"),
                                                  FreeTextAnswer(worker: "b", task: "t", text: "no")])[0]
        #expect(two.unresolved == .tie)
        let same = FreeTextAggregator().aggregate([FreeTextAnswer(worker: "a", task: "t", text: "Yes"),
                                                   FreeTextAnswer(worker: "b", task: "t", text: "yes ")])[0]
        #expect(same.unresolved == nil && same.confidence == 1 && same.text == "Yes")
        let one = FreeTextAggregator().aggregate([FreeTextAnswer(worker: "a", task: "t", text: "x")])[0]
        #expect(one.unresolved == .tooFewAnswers && one.confidence == 0)
    }

    @Test("edit distance on known pairs")
    func editDistance() {
        #expect(EditSimilarity.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(EditSimilarity.similarity(Array(""), Array("")) == 1)
        #expect(EditSimilarity.similarity(Array("abc"), Array("")) == 0)
    }
}
