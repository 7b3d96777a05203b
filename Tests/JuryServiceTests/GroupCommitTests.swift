import Foundation
import GRDB
import JuryCore
import JuryJSON
import JuryService
import Synchronization
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    @Test("64 concurrent verdicts are all stored, in fewer transactions than verdicts")
    func concurrentVerdictsShareCommits() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(64)
        let clients = (1...64).map { queue.client("r\($0)") }
        let claims = try clients.map { try #require(try $0.claim(flow: nil, order: .oldestFirst)) }
        #expect(Set(claims.map(\.loopName)).count == 64)
        let before = queue.service.verdictCommits
        let receipts = Receipts()
        let group = DispatchGroup()
        for index in 0..<64 {
            group.enter()
            Thread.detachNewThread {
                receipts.add(Result { try clients[index].submit(loop: claims[index].loopName, answer: ServiceQueue.answer, timeSpentSeconds: 1) })
                group.leave()
            }
        }
        group.wait()
        let stored = receipts.all.compactMap { try? $0.get() }
        #expect(stored.count == 64 && stored.allSatisfy { $0.status == .completed && $0.output != nil })
        let commits = queue.service.verdictCommits - before
        #expect(commits >= 1 && commits < 64, "\(commits) transactions for 64 concurrent verdicts")
    }

    @Test("in one batch, a refused verdict leaves the others stored")
    func refusalInABatchIsItsOwn() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(2)
        let ledger = queue.service.ledger
        _ = try ledger.claim(loop: "t-0", reviewer: "r1")
        let results = try ledger.submit([
            VerdictSubmission(loop: "t-0", reviewer: "r1", answer: ServiceQueue.answer),
            VerdictSubmission(loop: "t-1", reviewer: "r2", answer: ServiceQueue.answer),
            VerdictSubmission(loop: "t-0", reviewer: "r1", answer: ["category": ["label": "shipping"]]),
        ])
        #expect((try? results[0].get())?.status == .completed)
        #expect(throws: JuryError.invalidState("r2 holds no claim on t-1; claim it first (`jury claim`)")) { try results[1].get() }
        #expect(throws: JuryError.conflict("r1 already gave a different verdict on t-0; change it with `jury answer --amend` while the loop is in progress")) { try results[2].get() }
    }
}

/// Results gathered from several threads.
final class Receipts: Sendable {
    private let results = Mutex<[Result<VerdictReceipt, any Error>]>([])
    func add(_ result: Result<VerdictReceipt, any Error>) { results.withLock { $0.append(result) } }
    var all: [Result<VerdictReceipt, any Error>] { results.withLock { $0 } }
}

@Suite("Outputs that cannot be written")
struct OutputFailureTests {
    @Test("a verdict whose output cannot be written is stored and says so; the next turn writes the output")
    func storedVerdictWithPendingOutput() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(1)
        let client = queue.client("r1")
        _ = try #require(try client.claim(flow: nil, order: .oldestFirst))
        let output = queue.directory.defaultOutputURL
        try FileManager.default.removeItem(at: output)
        try Data("not a folder".utf8).write(to: output)
        let receipt = try client.submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: 1)
        #expect(receipt.status == .completed && receipt.verdicts == 1 && receipt.output == nil)
        #expect(receipt.outputProblem?.isEmpty == false)
        let pending = try client.describe(loop: "t-0")
        #expect(pending["HumanLoopStatus"] == "InProgress" && pending["Jury"]?["Status"] == "Completed" && pending["HumanLoopOutput"] == nil)

        try FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let written = try queue.service.ledger.writePendingOutputs()
        #expect(written.map(\.lastPathComponent) == ["output.json"])
        #expect(try queue.service.ledger.writtenOutput(loop: "t-0") == written.first)
        #expect(try client.describe(loop: "t-0")["HumanLoopStatus"] == "Completed")
    }
}

@Suite("Claims in group commits")
struct GroupCommitClaimTests {
    @Test("claims in one batch take distinct slots after the batch's verdicts; a second claim of the same reviewer gets the first back; a refusal is its own")
    func claimsInOneBatch() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(3)
        #expect(try queue.service.ledger.claim(reviewer: "r2")?.loopName == "t-0")
        let results = try queue.service.ledger.perform([
            .claimNext(reviewer: "r1", flow: nil, order: .oldestFirst),
            .claimNext(reviewer: "stranger", flow: nil, order: .oldestFirst),
            .claimNext(reviewer: "r1", flow: nil, order: .oldestFirst),
            .claimNext(reviewer: "r2", flow: nil, order: .oldestFirst),
            .verdict(VerdictSubmission(loop: "t-0", reviewer: "r2", answer: ServiceQueue.answer)),
        ])
        let claimed = results.map { result -> String? in
            guard case .success(.claimed(let task)) = result else { return nil }
            return task?.loopName
        }
        // r2's verdict ran first, so their claim sent with it got the next loop, not t-0 back.
        #expect(claimed == ["t-1", nil, "t-1", "t-2", nil])
        #expect(throws: JuryError.forbidden("stranger is in no team of \(queue.directory.workforceURL.path); ask the queue's owner to add them to workforce.json")) {
            try results[1].get()
        }
        guard case .success(.recorded(let receipt)) = results[4] else {
            Issue.record("the verdict was not recorded: \(results[4])")
            return
        }
        #expect(receipt.status == .completed)
    }

    @Test("started loops share the batch: the same request twice is a duplicate, other content under the name a conflict, a claim in the same batch takes the new loop, and the text index holds the created loops' words only")
    func admissionsInOneBatch() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let flow = try #require(queue.directory.loadFlows().flows["tickets"])
        let admission = { (name: String, text: String) in
            try LoopAdmission(request: HumanLoopRequest(name: name, flowName: "tickets", input: ["text": .string(text)]), flow: flow)
        }
        let results = try queue.service.ledger.perform([
            .admission(try admission("a-0", "first")), .admission(try admission("a-0", "first")),
            .admission(try admission("a-0", "other")), .admission(try admission("a-1", "second")),
            .claimNext(reviewer: "r1", flow: nil, order: .oldestFirst),
        ])
        let admitted = results.prefix(4).map { result -> AdmissionResult? in
            guard case .success(.admitted(let outcome)) = result else { return nil }
            return outcome
        }
        #expect(admitted.prefix(2) == [.created, .duplicate])
        guard case .conflict(let rejection)? = admitted[2] else {
            Issue.record("other content under a taken name was not a conflict: \(String(describing: admitted[2]))")
            return
        }
        #expect(rejection.reason.contains("already exists with other content"))
        #expect(admitted[3] == .created)
        guard case .success(.claimed(let task)) = results[4] else {
            Issue.record("the claim failed: \(results[4])")
            return
        }
        #expect(task?.loopName == "a-0")
        #expect(try queue.service.ledger.list(LoopQuery()).loops.map(\.name) == ["a-0", "a-1"])
        let found = { (words: String) in
            try queue.service.ledger.queueEntries(reviewer: "r1", limit: 10, filter: QueueFilter(query: words)).map(\.loopName)
        }
        #expect(try found("first") == ["a-0"])
        #expect(try found("second") == ["a-1"])
        #expect(try found("other") == [])
    }

    @Test("64 reviewers claiming 32 single-slot loops at once: 32 get one loop each, no loop twice, 32 get nothing")
    func concurrentClaimsNeverDoubleAssign() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(32)
        let claims = Mutex<[String: String?]>([:])
        let group = DispatchGroup()
        for index in 1...64 {
            group.enter()
            Thread.detachNewThread {
                let task = try? queue.client("r\(index)").claim(flow: nil, order: .oldestFirst)
                claims.withLock { $0["r\(index)"] = .some(task?.loopName) }
                group.leave()
            }
        }
        group.wait()
        let all = claims.withLock { $0 }
        let loops = all.values.compactMap { $0 }
        #expect(all.count == 64)
        #expect(loops.count == 32 && Set(loops).count == 32)
    }
}

@Suite("Workforce changes")
struct WorkforceReloadTests {
    @Test("an edited workforce.json takes effect at the service's next turn (a member taken out loses their claim); a broken one is reported once and the old one stays")
    func reloadsWithoutRestart() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(1)
        let newcomer = queue.client("newcomer")
        #expect(throws: JuryError.forbidden("newcomer is in no team of \(queue.directory.workforceURL.path); ask the queue's owner to add them to workforce.json")) {
            try newcomer.claim(flow: nil, order: .oldestFirst)
        }
        let team = Workforce.Team(name: "support", reviewers: ["newcomer"], leads: ["lead"])
        try Workforce(teams: [team]).json.encoded(pretty: true).write(to: queue.directory.workforceURL)
        let reports = Mutex<[String]>([])
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        #expect(reports.withLock { $0 }.isEmpty)
        #expect(try newcomer.claim(flow: nil, order: .oldestFirst)?.loopName == "t-0")

        try Data("{ not json".utf8).write(to: queue.directory.workforceURL)
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        let reported = reports.withLock { $0 }
        #expect(reported.count == 1 && reported[0].hasPrefix("jury serve: the workforce in force stays: "))
        #expect(queue.service.ledger.workforce.teams(of: "newcomer") == ["support"])

        // Taken out of the team again: the next turn ends the claim they hold.
        try Workforce(teams: [Workforce.Team(name: "support", reviewers: ["r1"], leads: ["lead"])]).json.encoded(pretty: true)
            .write(to: queue.directory.workforceURL)
        #expect(try queue.service.ledger.claims(of: "newcomer").count == 1)
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        #expect(try queue.service.ledger.claims(of: "newcomer").isEmpty)
        #expect(reports.withLock { $0 }.count == 1)
    }
}

@Suite("Service maintenance")
struct ServiceMaintenanceTests {
    @Test("a loop the turn's sweep completes has its output written and its Completed event spooled in that same turn")
    func aLoopTheSweepCompletesIsDeliveredInTheSameTurn() throws {
        let time = ManualTime(Date(timeIntervalSince1970: 1_800_000_000))
        let queue = try ServiceQueue(taskCount: 2, time: time)
        defer { queue.remove() }
        try queue.startLoops(1)
        _ = try #require(try queue.client("r1").claim(flow: nil, order: .oldestFirst))
        _ = try queue.client("lead").perform(.adjudicate, loop: "t-0", reviewer: nil)
        _ = try queue.client("lead").claim(loop: "t-0")
        #expect(try queue.client("lead").submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: 1).status == .inProgress)
        // r1's lease runs out: the settled loop completes in the sweep.
        time.advance(by: 601)
        let reports = Mutex<[String]>([])
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        #expect(reports.withLock { $0 }.isEmpty)
        #expect(try queue.service.ledger.writtenOutput(loop: "t-0") != nil)
        let events = try FileManager.default.contentsOfDirectory(atPath: queue.directory.eventsURL.path).filter { !$0.hasPrefix(".") }
        #expect(events == ["000000000001-t-0-Completed.json"])
    }

    @Test("a step that fails holds back none after it: with an output that cannot be built, lifetimes still run out and are announced")
    func failingStepHoldsBackNoOther() throws {
        let time = ManualTime(Date(timeIntervalSince1970: 1_800_000_000))
        let queue = try ServiceQueue(time: time)
        defer { queue.remove() }
        try queue.startLoops(2)
        let reviewer = queue.client("r1")
        let task = try #require(try reviewer.claim(flow: nil, order: .oldestFirst))
        _ = try reviewer.submit(loop: task.loopName, answer: ["category": ["label": "billing"]], timeSpentSeconds: nil)
        try DatabaseQueue(path: queue.directory.ledgerURL.path).write { db in
            try db.execute(sql: "UPDATE loop SET output_state = 'pending' WHERE name = ?", arguments: [task.loopName])
            try db.execute(sql: "UPDATE loop_input SET input_content = '{' WHERE loop_id = (SELECT id FROM loop WHERE name = ?)",
                           arguments: [task.loopName])
        }
        time.advance(by: 86_401)
        let reports = Mutex<[String]>([])
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        let reported = reports.withLock { $0 }
        #expect(reported.count == 1 && reported[0].contains(task.loopName), "\(reported)")
        let events = try FileManager.default.contentsOfDirectory(atPath: queue.directory.eventsURL.path).filter { !$0.hasPrefix(".") }
        #expect(events == ["000000000002-t-1-Failed.json"])
    }
}

@Suite("Status event webhooks")
struct EventWebhookTests {
    /// A webhook on loopback (Python's http.server) that answers 503 to the first POST and 204 after,
    /// and prints each body it received on a line of its own to standard output.
    final class FlakyWebhook {
        let process = Process()
        let output = Pipe()
        let url: String

        /// A port on loopback that takes connections (the kernel's backlog) and never reads or answers them.
        static let silentScript = """
            import socket, time
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(16)
            print(listener.getsockname()[1], flush=True)
            time.sleep(3600)
            """

        init(script: String? = nil) throws {
            let flaky = """
                import http.server, sys
                class Hook(http.server.BaseHTTPRequestHandler):
                    seen = 0
                    def do_POST(self):
                        body = self.rfile.read(int(self.headers["Content-Length"]))
                        Hook.seen += 1
                        print(body.decode(), flush=True)
                        self.send_response(503 if Hook.seen == 1 else 204)
                        self.end_headers()
                    def log_message(self, *arguments):
                        pass
                server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
                print(server.server_address[1], flush=True)
                server.serve_forever()
                """
            process.executableURL = URL(filePath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script ?? flaky]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            url = "http://127.0.0.1:\(try Self.line(from: output))/hook"
        }

        /// The next line the server printed.
        static func line(from pipe: Pipe) throws -> String {
            var bytes = Data()
            while true {
                let byte = pipe.fileHandleForReading.readData(ofLength: 1)
                guard !byte.isEmpty else { throw JuryError.io("the webhook server ended") }
                if byte == Data("\n".utf8) { return String(decoding: bytes, as: UTF8.self) }
                bytes += byte
            }
        }

        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test("a stopped loop's event reaches a webhook that failed once, after the backoff, with the same id both times")
    func retriedUntilDelivered() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(1)
        _ = try queue.client("lead").perform(.stop, loop: "t-0", reviewer: nil)
        let webhook = try FlakyWebhook()
        defer { webhook.stop() }
        let delivery = try EventDelivery(webhooks: [webhook.url], timeout: 5, maximumBackoff: 1)
        let reports = Mutex<[String]>([])
        ServiceMaintenance.turn(queue.service, events: delivery) { text in reports.withLock { $0.append(text) } }
        let first = try JSONValue.parse(Data(FlakyWebhook.line(from: webhook.output).utf8))
        #expect(first["detail"]?["humanLoopName"] == "t-0" && first["detail"]?["humanLoopStatus"] == "Stopped")
        #expect(reports.withLock { $0 } == ["jury serve: the event 000000000001-t-0-Stopped.json did not reach \(webhook.url): it answered HTTP 503"])

        ServiceMaintenance.turn(queue.service, events: delivery) { text in reports.withLock { $0.append(text) } }
        #expect(reports.withLock { $0 }.count == 1, "no attempt before the backoff ran out")
        Thread.sleep(forTimeInterval: 1.1)
        ServiceMaintenance.turn(queue.service, events: delivery) { text in reports.withLock { $0.append(text) } }
        let second = try JSONValue.parse(Data(FlakyWebhook.line(from: webhook.output).utf8))
        #expect(second == first)
        #expect(reports.withLock { $0 }.count == 1)
        #expect(try queue.service.ledger.dueDeliveries(to: webhook.url).isEmpty)
    }

    @Test("a webhook that never answers is given up on after the timeout, and holds up neither the inbox nor another webhook")
    func silentWebhookHoldsNothingUp() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(2)
        _ = try queue.client("lead").perform(.stop, loop: "t-0", reviewer: nil)
        let silent = try FlakyWebhook(script: FlakyWebhook.silentScript)
        defer { silent.stop() }
        let quick = try EventDelivery(webhooks: [silent.url], timeout: 1)
        _ = quick.spool(queue.service.ledger)
        let asked = Date()
        #expect(try quick.deliver(queue.service.ledger, to: silent.url)
            == ["the event 000000000001-t-0-Stopped.json did not reach \(silent.url): no answer within 1 s"])
        #expect(Date().timeIntervalSince(asked) < 5)

        let healthy = try FlakyWebhook()
        defer { healthy.stop() }
        let maintenance = ServiceMaintenance(service: queue.service, interval: 0.1,
                                             events: try EventDelivery(webhooks: [silent.url, healthy.url], timeout: 60)) { _ in }
        maintenance.start()
        defer { maintenance.stop() }
        let content = JSONValue.object(["text": "late", "prediction": ["label": "billing", "confidence": 0.5]]).encodedString()
        let request: JSONValue = ["HumanLoopName": "late", "FlowDefinitionName": "tickets", "HumanLoopInput": ["InputContent": .string(content)]]
        try request.encoded().write(to: queue.directory.inboxURL.appending(path: "late.json"))
        let dropped = Date()
        while (try? queue.service.ledger.describe(loop: "late")) == nil, Date().timeIntervalSince(dropped) < 10 { Thread.sleep(forTimeInterval: 0.05) }
        #expect(Date().timeIntervalSince(dropped) < 5, "the inbox waited for the silent webhook")
        _ = try queue.client("lead").perform(.stop, loop: "t-1", reviewer: nil)
        let stopped = Date()
        let reached = try JSONValue.parse(Data(FlakyWebhook.line(from: healthy.output).utf8))
        #expect(reached["detail"]?["humanLoopName"] == "t-1" && Date().timeIntervalSince(stopped) < 10, "the other webhook waited")
    }

    @Test("a webhook that is not an http(s) URL is refused when the service starts")
    func badWebhookRefused() {
        #expect(throws: JuryError.invalidInput("the webhook file:///tmp/hook is not an http:// or https:// URL")) {
            try EventDelivery(webhooks: ["file:///tmp/hook"])
        }
    }
}
