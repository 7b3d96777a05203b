import ArgumentParser
import Foundation
import GRDB
import JuryCore
import JuryService

/// `jury-bench export`: records per second of `jury export` through the in-process service with N completed
/// loops (three verdicts each) in the ledger, for each format, beside a plain SQLite scan of the same rows.
/// The ledger is built directly in SQL from one admitted loop, not through verdicts.
struct BenchExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Measure jury export (records/s) with N completed loops, beside a plain SQLite scan of the same rows.")

    @Option(help: "Completed loops in the ledger.") var loops = 1_000_000
    @Option(help: "Loops per page.") var pageSize = 500
    @Option(help: "Scratch folder (erased).") var dir = FileManager.default.temporaryDirectory.appending(path: "jury-bench-export").path

    func run() throws {
        let root = URL(filePath: dir, directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: root) }
        let queue = try BenchQueue(root: root.appending(path: "queue"), taskCount: 3)
        let fillSeconds = try stopwatch { try fill(queue) }
        print(String(format: "ledger built with %d completed loops (3 verdicts each) in %.1f s (not part of the figures)", loops, fillSeconds))
        let (rows, scanSeconds) = try plainScan(queue.directory.ledgerURL)
        print(String(format: "baseline plain SQLite scan of the same rows (loop + input + verdicts, completion order): %.0f rows/s (%d rows, %.1f s)",
                     Double(rows) / scanSeconds, rows, scanSeconds))
        let client = QueueConnection(transport: InProcessTransport(service: try QueueService(ledger: queue.ledger)))
        for format in CorrectionFormat.allCases { try measure(format, client: client) }
    }

    private func measure(_ format: CorrectionFormat, client: QueueConnection) throws {
        var query = ExportQuery()
        query.pageSize = pageSize
        var bytes = 0, records = 0
        let residentBefore = residentMegabytes()
        var residentPeak = residentBefore
        let seconds = try stopwatch {
            records = try CorrectionExport.run(client, query: query, format: format) { text in
                bytes += text.utf8.count
                residentPeak = max(residentPeak, residentMegabytes())
            }
        }
        print(String(format: "jury export --format %@: %.0f records/s (%d records, %.1f MB written, %.1f s); resident %.0f MB before, at most %.0f MB during",
                     format.rawValue, Double(records) / seconds, records, Double(bytes) / 1e6, seconds, residentBefore, residentPeak))
    }

    /// Admits one loop, then copies it in SQL into `loops` Completed loops with three verdicts and a consensus
    /// each; a third of the consensus labels agree with the model's ("billing").
    private func fill(_ queue: BenchQueue) throws {
        _ = try queue.ledger.admit([try LoopAdmission(request: BenchQueue.request(0, bytes: 300), flow: queue.flow)])
        let database = try DatabaseQueue(path: queue.directory.ledgerURL.path)
        let label = "CASE i % 3 WHEN 0 THEN 'billing' WHEN 1 THEN 'shipping' ELSE 'other' END"
        let consensus = #"'{"agreement":1,"answers":3,"confidence":1,"method":"mv","taskType":"classification","unresolved":false,"value":"' || "#
            + label + #" || '"}'"#
        try database.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(loops))
                INSERT INTO loop(name, flow, flow_version, team, task_type, status, created_at, deadline, task_count, original_task_count,
                                 time_limit, min_confidence, verdicts, content_hash, completed_at, output_folder, output_state, consensus)
                SELECT 'done-' || i, flow, flow_version, team, task_type, 'Completed', created_at + i, deadline, 3, 3, time_limit,
                       min_confidence, 3, i, created_at + i + 60000, output_folder, 'written', \(consensus)
                FROM loop, n WHERE loop.name = 'loop-0';
                INSERT INTO loop_input(loop_id, flow_arn, input_content, classifiers, activation)
                SELECT loop.id, NULL, template.input_content, template.classifiers, template.activation
                FROM loop, loop_input AS template JOIN loop AS first ON first.id = template.loop_id AND first.name = 'loop-0'
                WHERE loop.status = 'Completed';
                """)
            for reviewer in BenchQueue.reviewers {
                try db.execute(sql: """
                    INSERT INTO verdict(loop_id, reviewer, accepted_at, submitted_at, time_spent, answer, metadata)
                    SELECT id, ?, completed_at - 5000, completed_at, 5,
                           '{"category":{"label":"' || json_extract(consensus, '$.value') || '"}}', '{}'
                    FROM loop WHERE status = 'Completed'
                    """, arguments: [reviewer])
            }
        }
    }

    /// Reads every completed loop's row, input and verdicts in completion order, touching each value.
    private func plainScan(_ ledger: URL) throws -> (rows: Int, seconds: Double) {
        let database = try DatabaseQueue(path: ledger.path)
        var rows = 0, characters = 0
        let seconds = try stopwatch {
            try database.read { db in
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT loop.name, consensus, input_content, (SELECT group_concat(answer) FROM verdict WHERE loop_id = loop.id) AS answers
                    FROM loop INDEXED BY loop_completed JOIN loop_input ON loop_id = loop.id
                    WHERE completed_at IS NOT NULL ORDER BY completed_at, loop.id
                    """)
                while let row = try cursor.next() {
                    rows += 1
                    characters += (row["name"] as String).utf8.count + (row["consensus"] as String).utf8.count
                        + (row["input_content"] as String).utf8.count + (row["answers"] as String).utf8.count
                }
            }
        }
        guard characters > 0 else { throw ValidationError("the scan read nothing") }
        return (rows, seconds)
    }

    /// This process's resident memory, MB (from /proc/self/statm).
    private func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e6
    }
}
