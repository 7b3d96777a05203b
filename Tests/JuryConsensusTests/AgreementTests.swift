import Testing
@testable import JuryConsensus

@Suite("Agreement and reviewer quality")
struct AgreementTests {
    // Item 1: a, a. Item 2: a, b. Worked by hand:
    // Fleiss: P1 = 1, P2 = 0, P = 0.5; p_a = 3/4, p_b = 1/4, Pe = 10/16; kappa = -1/3.
    // Krippendorff: D_o pairs = 2 (item 2), n = 4, n_a = 3, n_b = 1, sum n_c n_k = 6;
    // alpha = 1 - 3 * 2 / 6 = 0.
    let small = AnswerMatrix(answers("r1 i1 a\nr2 i1 a\nr1 i2 a\nr2 i2 b"))

    @Test("Fleiss' kappa on a hand-worked example")
    func fleiss() {
        #expect(abs(Agreement.fleissKappa(small)! - (-1.0 / 3)) < 1e-12)
    }

    @Test("Krippendorff's alpha on a hand-worked example")
    func krippendorff() {
        #expect(abs(Agreement.krippendorffAlpha(small)!) < 1e-12)
    }

    @Test("perfect agreement gives 1, a single shared label is undefined")
    func extremes() {
        let perfect = AnswerMatrix(answers("r1 i1 a\nr2 i1 a\nr1 i2 b\nr2 i2 b\nr3 i2 b"))
        #expect(Agreement.fleissKappa(perfect) == 1)
        #expect(Agreement.krippendorffAlpha(perfect) == 1)
        let constant = AnswerMatrix(answers("r1 i1 a\nr2 i1 a"))
        #expect(Agreement.fleissKappa(constant) == nil)
        #expect(Agreement.krippendorffAlpha(constant) == nil)
    }

    @Test("items with one answer are skipped; unequal counts are allowed")
    func unequalCounts() {
        let data = AnswerMatrix(answers("r1 i1 a\nr2 i1 a\nr3 i1 b\nr1 i2 b\nr2 i2 b\nr1 i3 a"))
        let summary = AgreementSummary(answers("r1 i1 a\nr2 i1 a\nr3 i1 b\nr1 i2 b\nr2 i2 b\nr1 i3 a"))
        #expect(summary.pairableItems == 2)
        #expect(summary.answers == 6)
        // Pairable values: a, a, b, b, b. Item 1 adds (9 - 5) / 2 = 2; item 2 adds 0.
        // n = 5, n_a = 2, n_b = 3, sum n_c n_k = 25 - 13 = 12; alpha = 1 - 4 * 2 / 12 = 1/3.
        #expect(abs(Agreement.krippendorffAlpha(data)! - 1.0 / 3) < 1e-12)
    }

    @Test("per-reviewer accuracy against consensus and gold, with confusion")
    func reviewerReports() {
        let data = answers("r1 i1 a\nr2 i1 b\nr1 i2 b\nr2 i2 b")
        let reports = ReviewerQuality.reports(answers: data, consensus: ["i1": "a", "i2": "b"],
                                              gold: ["i1": "b"], labels: ["a", "b"])
        #expect(reports.map(\.reviewer) == ["r1", "r2"])
        #expect(reports[0].agreementWithConsensus == 1)
        #expect(reports[1].agreementWithConsensus == 0.5)
        #expect(reports[0].accuracyAgainstGold == 0)
        #expect(reports[1].accuracyAgainstGold == 1)
        #expect(reports[0].goldAnswers == 1)
        // r1: i1 reference gold b, said a; i2 reference consensus b, said b.
        #expect(reports[0].confusion == [[0, 0], [1, 1]])
    }
}
