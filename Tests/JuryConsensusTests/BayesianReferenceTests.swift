import Foundation
import Testing
@testable import JuryConsensus

/// `fixtures/consensus/bcc-reference.json`: a small crowd and the posteriors the authors' EBCC
/// and IBCC gave for it (EBCC from a recorded start); see `fixtures/consensus/README.md`.
struct BCCReference: Decodable {
    let classes: Int
    let groups: Int
    /// (item, worker, label) numbers.
    let answers: [[Int]]
    /// Subtype split of each item, items x groups.
    let split: [[Double]]
    let ibcc: [[Double]]
    let ebcc: [[Double]]

    static func load() throws -> BCCReference {
        let tests = URL(filePath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let file = tests.appending(path: "../../fixtures/consensus/bcc-reference.json")
        return try JSONDecoder().decode(BCCReference.self, from: Data(contentsOf: file))
    }

    /// The answers with items, reviewers and labels named by their numbers, labels declared
    /// in number order so Jury's label numbers are the reference's.
    var matrix: AnswerMatrix {
        AnswerMatrix(answers.map { Answer(worker: "w\($0[1])", task: "i\($0[0])", label: "\($0[2])") },
                     declaredLabels: (0..<classes).map(String.init))
    }
}

@Suite("IBCC and EBCC against the authors' code")
struct BayesianReferenceTests {
    @Test("ibcc gives the authors' IBCC posterior")
    func ibcc() throws {
        let reference = try BCCReference.load()
        let result = Aggregator().aggregate(reference.matrix, method: .ibcc)
        #expect(result.items.map(\.task) == reference.ibcc.indices.map { "i\($0)" })
        let gaps = zip(result.items.flatMap(\.probabilities), reference.ibcc.flatMap { $0 }).map { abs($0 - $1) }
        #expect(gaps.count == reference.ibcc.count * reference.classes)
        #expect(gaps.allSatisfy { $0 < 1e-9 })
    }

    @Test("ebcc from the recorded start gives the authors' EBCC posterior")
    func ebcc() throws {
        let reference = try BCCReference.load()
        let matrix = reference.matrix
        let options = BayesianCombinationOptions(groups: reference.groups)
        let problem = BCCProblem(matrix, priors: BCCPriors(matrix, options: options, independent: false))
        var fit = VariationalBCC(problem, split: reference.split.flatMap { row in (0..<reference.classes).flatMap { _ in row } })
        fit.run(maxIterations: 500, tolerance: 1e-3)
        let gaps = zip(fit.posterior, reference.ebcc.flatMap { $0 }).map { abs($0 - $1) }
        #expect(gaps.count == reference.ebcc.count * reference.classes)
        #expect(gaps.allSatisfy { $0 < 1e-9 })
    }
}
