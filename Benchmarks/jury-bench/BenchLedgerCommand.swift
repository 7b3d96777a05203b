import ArgumentParser
import Foundation
import GRDB
import JuryCore

struct BenchLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Claim, durable answer, list and review-queue page latency with N loops in the ledger, beside plain SQLite baselines.")

    @Option(help: "Loops in the ledger.") var loops = 1_000_000
    @Option(help: "Claim/answer operations to time.") var samples = 3_000
    @Option(help: "Scratch folder (erased).") var dir = FileManager.default.temporaryDirectory.appending(path: "jury-bench-ledger").path

    func run() throws {
        let root = URL(filePath: dir, directoryHint: .isDirectory)
        let queue = try BenchQueue(root: root.appending(path: "queue"), taskCount: 3)
        let fillSeconds = try stopwatch { try queue.fill(loops: loops) }
        print(String(format: "ledger filled with %d loops in %.1f s", loops, fillSeconds))

        let baseline = try baselineInserts(at: root.appending(path: "baseline.sqlite"))
        var claims = Latencies()
        var answers = Latencies()
        var completingAnswers = Latencies()
        for index in 0..<samples {
            let reviewer = BenchQueue.reviewers[index % 3]
            guard let task = try claims.measure({ try queue.ledger.claim(reviewer: reviewer) }) else { break }
            let submit = { try queue.ledger.submit(loop: task.loopName, reviewer: reviewer, answer: ["category": ["label": "billing"]]) }
            let receipt = index % 3 == 2 ? try completingAnswers.measure(submit) : try answers.measure(submit)
            guard receipt.status == (index % 3 == 2 ? .completed : .inProgress) else {
                throw ValidationError("\(task.loopName) is \(receipt.status.rawValue) after verdict \(receipt.verdicts)")
            }
        }
        var lists = Latencies()
        for _ in 0..<200 { _ = try lists.measure { try queue.ledger.list(LoopQuery()) } }
        var filtered = LoopQuery()
        filtered.status = .completed
        filtered.ascending = false
        var filteredLists = Latencies()
        for _ in 0..<200 { _ = try filteredLists.measure { try queue.ledger.list(filtered) } }
        let rawList = try baselineList(at: root.appending(path: "baseline.sqlite"))
        let depth = min(50_000, loops / 2)
        let reviewPages = try reviewQueuePages(queue, depth: depth)
        let searches = try searchedPages(queue, depth: depth)
        var refreshes = Latencies()
        let dayStart = Calendar.current.startOfDay(for: Date())
        _ = try queue.ledger.statistics(dayStart: dayStart)
        for _ in 0..<100 { _ = try refreshes.measure { try queue.ledger.statistics(dayStart: dayStart) } }

        print("baseline plain SQLite insert, own transaction, synchronous=FULL: \(baseline.summary)")
        print("claim (sweep + pick + lease; IMMEDIATE txn, synchronous=NORMAL): \(claims.summary)  target p99 < 1 ms")
        print("durable answer (validate + verdict + audit; synchronous=FULL):   \(answers.summary)  target p99 < 5 ms")
        print("completing answer (the above + consensus + output.json written): \(completingAnswers.summary)")
        print("baseline plain SELECT ... LIMIT 100:                             \(rawList.summary)")
        print("list first page (100 loops):                                     \(lists.summary)  target < 50 ms")
        print("list first page, status=Completed, newest first:                 \(filteredLists.summary)")
        print("review queue, first page (20 rows):                              \(reviewPages.first.summary)")
        print(String(format: "review queue, page %6d rows deep:                             ", depth) + reviewPages.deep.summary)
        for (query, first, deep) in searches {
            print("review queue searched \"\(query)\", first page:".padding(toLength: 66, withPad: " ", startingAt: 0) + first.summary)
            print(String(format: "  … page %6d rows deep:", depth).padding(toLength: 66, withPad: " ", startingAt: 0) + deep.summary)
        }
        print("dashboard refresh (jury stats figures, after the first):          \(refreshes.summary)  target < 20 ms")
    }

    /// Searched review queue pages of 20 rows, from the start and from `depth` open loops in: a word of
    /// every loop, a word of one loop (its number), a confidence range of a tenth of them, and both kinds.
    private func searchedPages(_ queue: BenchQueue, depth: Int) throws -> [(String, Latencies, Latencies)] {
        let reviewer = BenchQueue.reviewers[0]
        let position = try queue.ledger.queueEntries(reviewer: reviewer, limit: depth).last { $0.leaseExpiresAt == nil }?.position
        return try ["lorem", "\(loops * 7 / 9)", "conf:<0.1", "lorem conf:<0.1"].map { query in
            let filter = try QueueFilter(query: query)
            var first = Latencies(), deep = Latencies()
            for _ in 0..<50 {
                _ = try first.measure { try queue.ledger.queueEntries(reviewer: reviewer, limit: 21, filter: filter) }
                _ = try deep.measure { try queue.ledger.queueEntries(reviewer: reviewer, limit: 21, after: position, filter: filter) }
            }
            return (query, first, deep)
        }
    }


    /// A review queue page of 20 rows from the start, and from `depth` open loops in (keyset paging).
    private func reviewQueuePages(_ queue: BenchQueue, depth: Int) throws -> (first: Latencies, deep: Latencies) {
        let reviewer = BenchQueue.reviewers[0]
        let lead = try queue.ledger.queueEntries(reviewer: reviewer, limit: depth)
        let position = lead.last { $0.leaseExpiresAt == nil }?.position
        var first = Latencies(), deep = Latencies()
        for _ in 0..<200 {
            _ = try first.measure { try queue.ledger.queueEntries(reviewer: reviewer, limit: 21) }
            _ = try deep.measure { try queue.ledger.queueEntries(reviewer: reviewer, limit: 21, after: position) }
        }
        return (first, deep)
    }

    private func baselineInserts(at url: URL) throws -> Latencies {
        let latencies = try baselineCommits(at: url, samples: samples)
        let database = try DatabaseQueue(path: url.path)
        try database.write { db in
            for index in 0..<100_000 { try db.execute(sql: "INSERT INTO item(name, body) VALUES (?, ?)", arguments: ["bulk-\(index)", Data(count: 64)]) }
        }
        return latencies
    }

    private func baselineList(at url: URL) throws -> Latencies {
        let database = try DatabaseQueue(path: url.path)
        var latencies = Latencies()
        for _ in 0..<200 {
            _ = try latencies.measure { try database.read { db in try Row.fetchAll(db, sql: "SELECT id, name FROM item ORDER BY id LIMIT 100") } }
        }
        return latencies
    }
}
