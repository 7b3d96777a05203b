// consensus-eval: dev tool for the JuryConsensus evaluation and speed benchmark.
//
//   consensus-eval eval NAME ANSWERS.csv GOLD.csv [methods,comma,separated]
//       prints: jury <TAB> NAME <TAB> method <TAB> accuracy <TAB> seconds <TAB> detail
//       (seconds = encoding the answers + the method; CSV reading is excluded; for ibcc and
//       ebcc a tie at the top scores its share, as in the EBCC authors' notebook, for the other
//       methods it counts as its first tied label, as Crowd-Kit does)
//       environment: MAX_ITER, TOL (all methods); STARTS, SEED (ebcc)
//   consensus-eval synth DIR [items answersPerItem classes workers seed]
//       writes DIR/answers.csv and DIR/gold.csv (seeded synthetic crowd)
//   consensus-eval examples
//       prints one consensus block per task type (docs/consensus.md)
import Foundation
import JuryConsensus

/// Reads a small CSV with a header and no quoted commas.
func readRows(_ path: String) -> [[String]] {
    let text = try! String(contentsOfFile: path, encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func evaluate(_ args: [String]) {
    let (name, answersPath, goldPath) = (args[0], args[1], args[2])
    let methods = args.count > 3 ? args[3].split(separator: ",").map { AggregationMethod(rawValue: String($0))! }
                                 : AggregationMethod.allCases
    let answers = readRows(answersPath).map { Answer(worker: $0[0], task: $0[1], label: $0[2]) }
    let gold = Dictionary(readRows(goldPath).map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
    let maxIterations = ProcessInfo.processInfo.environment["MAX_ITER"].flatMap { Int($0) }
    let tolerance = ProcessInfo.processInfo.environment["TOL"].flatMap { Double($0) }
    var bayesian = BayesianCombinationOptions()
    if let starts = ProcessInfo.processInfo.environment["STARTS"].flatMap({ Int($0) }) { bayesian.starts = starts }
    if let seed = ProcessInfo.processInfo.environment["SEED"].flatMap({ UInt64($0) }) { bayesian.seed = seed }
    let options = AggregationOptions(maxIterations: maxIterations, tolerance: tolerance, bayesian: bayesian)
    for method in methods {
        let start = now()
        let matrix = AnswerMatrix(answers, declaredLabels: options.labels)
        let encoded = now()
        let result = Aggregator(options: options).aggregate(matrix, method: method)
        let seconds = now() - start
        let accuracy = method == .ibcc || method == .ebcc ? tieShareAccuracy(result, gold: gold)
                                                          : result.accuracy(gold: gold).accuracy
        let detail = "encode=\(String(format: "%.4f", encoded - start))s iterations=\(result.iterations)"
        print("jury\t\(name)\t\(method.rawValue)\t\(String(format: "%.6f", accuracy))\t\(String(format: "%.4f", seconds))\t\(detail)")
    }
}

/// Accuracy where an item tied between n labels, the gold one among them, scores 1/n.
func tieShareAccuracy(_ result: AggregationResult, gold: [String: String]) -> Double {
    let items = Dictionary(uniqueKeysWithValues: result.items.map { ($0.task, $0) })
    let score = gold.reduce(0.0) { total, entry in
        guard let item = items[entry.key] else { return total }
        guard let tied = item.tiedLabels else { return total + (item.label == entry.value ? 1 : 0) }
        return total + (tied.contains(entry.value) ? 1 / Double(tied.count) : 0)
    }
    return gold.isEmpty ? 0 : score / Double(gold.count)
}

/// SplitMix64: small seeded generator for the synthetic crowd.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Workers: accuracy uniform in [0.35, 0.95]; 10% spammers answering uniformly;
/// wrong answers drawn from a per-worker skewed confusion. Truth: skewed class prior.
func synthesize(_ args: [String]) {
    let dir = args[0]
    let n = args.count > 1 ? Int(args[1])! : 100_000
    let perItem = args.count > 2 ? Int(args[2])! : 10
    let k = args.count > 3 ? Int(args[3])! : 4
    let workers = args.count > 4 ? Int(args[4])! : 500
    var rng = SplitMix64(state: args.count > 5 ? UInt64(args[5])! : 20_240_601)
    let accuracy = (0..<workers).map { _ in Double.random(in: 0.35...0.95, using: &rng) }
    let spammer = (0..<workers).map { _ in Double.random(in: 0..<1, using: &rng) < 0.1 }
    let favourite = (0..<workers).map { _ in Int.random(in: 0..<k, using: &rng) }
    let prior = (0..<k).map { 1.0 / Double($0 + 1) }
    var answers = "worker,task,label\n", gold = "task,label\n"
    answers.reserveCapacity(n * perItem * 16)
    for t in 0..<n {
        var u = Double.random(in: 0..<prior.reduce(0, +), using: &rng), truth = 0
        while u >= prior[truth] { u -= prior[truth]; truth += 1 }
        gold += "t\(t),\(truth)\n"
        var chosen = Set<Int>()
        while chosen.count < perItem { chosen.insert(Int.random(in: 0..<workers, using: &rng)) }
        for w in chosen.sorted() {
            let label: Int
            if spammer[w] { label = Int.random(in: 0..<k, using: &rng) }
            else if Double.random(in: 0..<1, using: &rng) < accuracy[w] { label = truth }
            else if Double.random(in: 0..<1, using: &rng) < 0.5 && favourite[w] != truth { label = favourite[w] }
            else { label = (truth + Int.random(in: 1..<k, using: &rng)) % k }
            answers += "w\(w),t\(t),\(label)\n"
        }
    }
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try! answers.write(toFile: dir + "/answers.csv", atomically: true, encoding: .utf8)
    try! gold.write(toFile: dir + "/gold.csv", atomically: true, encoding: .utf8)
}

/// Prints one consensus block per task type (the examples in docs/consensus.md).
func examples() {
    let policy = EscalationPolicy(threshold: 0.7, maxExtraReviewers: 2)
    func show(_ block: ConsensusBlock) { print(String(decoding: try! block.jsonData(), as: UTF8.self)) }
    let votes = [("ana", "cat"), ("bo", "cat"), ("cy", "dog"), ("ana", "cat"), ("bo", "cat"), ("cy", "cat")]
    let answers = votes.enumerated().map { Answer(worker: $1.0, task: "loop-\($0 / 3)", label: $1.1) }
    show(.classification(Aggregator().aggregate(answers, method: .ds).items[0], method: .ds, policy: policy))
    let picks: [Set<String>] = [["nudity", "violence"], ["violence"], ["violence"]]
    let moderation = ModerationAggregator(vocabulary: ["nudity", "violence"])
        .aggregate(picks.enumerated().map { ModerationAnswer(worker: "r\($0)", task: "img", labels: $1) })
    show(.moderation(moderation[0], method: .mv))
    let forms = [["total": "1,240.00"], ["total": "1240.00", "due": "2024-03-05"], ["total": "1240.00"]]
    let form = FormAggregator().aggregate(forms.enumerated().map { FormAnswer(worker: "r\($0)", task: "doc", fields: $1) })
    show(.form(form[0]))
    let texts = ["The cat sat on the mat.", "the cat sat on a mat", "A cat is sitting on the mat"]
    let text = FreeTextAggregator().aggregate(texts.enumerated().map { FreeTextAnswer(worker: "r\($0)", task: "q", text: $1) })
    show(.freeText(text[0], policy: policy))
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "eval": evaluate(Array(arguments.dropFirst()))
case "synth": synthesize(Array(arguments.dropFirst()))
case "examples": examples()
default: print("usage: consensus-eval eval NAME ANSWERS GOLD [methods] | synth DIR [n per k workers seed]")
}
