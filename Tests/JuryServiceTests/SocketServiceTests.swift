import Foundation
import JuryCore
import JuryService
import Synchronization
import Testing

@Suite("Queue service over its socket")
struct SocketServiceTests {
    /// The service on a socket in the queue, and a client of it.
    private func served(_ queue: ServiceQueue, actingAs: String? = nil) throws -> (SocketServer, QueueConnection) {
        let path = queue.directory.root.appending(path: "jury.sock").path
        let server = try SocketServer(service: queue.service, socketPath: path, workerThreads: 8)
        return (server, QueueConnection(transport: try SocketTransport(socketPath: path, actingAs: actingAs)))
    }

    @Test("the caller is the socket peer: the profile names this process's user, whatever the request says")
    func callerIsThePeer() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let (server, client) = try served(queue)
        defer { server.close() }
        let profile = try client.profile()
        #expect(profile.login == Caller.currentProcess().login)
        #expect(profile.flows.map(\.name) == ["tickets"])
        #expect(abs(Double(profile.serviceTime) / 1000 - Date().timeIntervalSince1970) < 5)
    }

    @Test("claim, verdict and describe over the socket give what the in-process client gives")
    func sameAnswersAsInProcess() throws {
        let queue = try ServiceQueue(taskCount: 2)
        defer { queue.remove() }
        try queue.startLoops(2)
        let (server, remote) = try served(queue, actingAs: "r1")
        defer { server.close() }
        let claim = try #require(try remote.claim(flow: nil, order: .oldestFirst))
        #expect(claim.loopName == "t-0" && claim.reviewer == "r1" && !claim.resumed)
        #expect(try remote.claim(flow: nil, order: .oldestFirst) == ClaimedTask(
            loopName: "t-0", flow: "tickets", taskType: .classification, reviewer: "r1",
            claimedAt: claim.claimedAt, expiresAt: claim.expiresAt, resumed: true))
        let receipt = try remote.submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: 4)
        #expect(receipt == VerdictReceipt(loopName: "t-0", alreadyStored: false, status: .inProgress, verdicts: 1, taskCount: 2, output: nil))
        #expect(try remote.describe(loop: "t-0") == queue.client().describe(loop: "t-0"))
        #expect(try remote.queueEntries(flow: nil, order: .oldestFirst, limit: 10, after: .beforeFirst, filter: nil).map(\.loopName) == ["t-1"])
    }

    @Test("one connection used from thread after thread (as a workstation's effects use it) works and leaves no NIO misuse report on standard error")
    func oneConnectionFromManyThreads() throws {
        let queue = try ServiceQueue(taskCount: 3)
        defer { queue.remove() }
        try queue.startLoops(3)
        let (server, remote) = try served(queue, actingAs: "r1")
        defer { server.close() }
        let captured = queue.directory.root.appending(path: "stderr.txt")
        let answered = Mutex<[String]>([])
        try capturingStandardError(into: captured) {
            for _ in 0..<3 {
                let done = DispatchSemaphore(value: 0)
                Thread.detachNewThread {
                    defer { done.signal() }
                    guard let name = try? remote.claim(flow: nil, order: .oldestFirst)?.loopName,
                          (try? remote.submit(loop: name, answer: ServiceQueue.answer, timeSpentSeconds: 1)) != nil else { return }
                    answered.withLock { $0.append(name) }
                }
                done.wait()
            }
        }
        #expect(answered.withLock { $0 } == ["t-0", "t-1", "t-2"])
        #expect(try !String(contentsOf: captured, encoding: .utf8).contains("NIO API misuse"))
    }

    /// Runs `body` with file descriptor 2 sent to `file`, then puts standard error back. The file and the
    /// saved descriptor are close-on-exec, so processes other tests start meanwhile do not keep them.
    private func capturingStandardError(into file: URL, _ body: () throws -> Void) throws {
        let target = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(target >= 0)
        let saved = fcntl(2, F_DUPFD_CLOEXEC, 3)
        dup2(target, 2)
        close(target)
        defer {
            dup2(saved, 2)
            close(saved)
        }
        try body()
    }

    @Test("a refusal arrives as the service's JuryError, word for word")
    func refusalsKeepTheirCase() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let (server, remote) = try served(queue, actingAs: "r1")
        defer { server.close() }
        #expect(throws: JuryError.notFound("no human loop named nope")) { try remote.claim(loop: "nope") }
        #expect(throws: JuryError.forbidden("only leads see the attention list; r1 is not one")) { try remote.attention(limit: 5) }
    }

    @Test("acting as another reviewer is refused on a queue that is not a demo queue")
    func actingAsOnlyOnDemoQueues() throws {
        let queue = try ServiceQueue(demo: false)
        defer { queue.remove() }
        let (server, remote) = try served(queue, actingAs: "lead")
        defer { server.close() }
        let login = Caller.currentProcess().login
        #expect(throws: JuryError.forbidden("acting as another reviewer (--reviewer) is only accepted on demo queues (`jury init --demo`); here you act as \(login)")) {
            try remote.profile()
        }
    }

    @Test("the client reconnects when the service closed its kept-alive connection")
    func reconnectsAfterRestart() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let path = queue.directory.root.appending(path: "jury.sock").path
        let first = try SocketServer(service: queue.service, socketPath: path, workerThreads: 2)
        let client = QueueConnection(transport: try SocketTransport(socketPath: path))
        #expect(try client.profile().flows.count == 1)
        first.close()
        let second = try SocketServer(service: queue.service, socketPath: path, workerThreads: 2)
        defer { second.close() }
        #expect(try client.profile().flows.count == 1)
    }

    @Test("a request over the service's size limit is refused with the limit named, and the next call goes through")
    func oversizedRequest() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let (server, client) = try served(queue)
        defer { server.close() }
        let text = String(repeating: "x", count: SocketServer.maximumRequestBytes)
        #expect {
            try client.submitPrediction(flow: "tickets", name: nil, prediction: ["text": .string(text)], serviceRequest: nil, metadata: nil)
        } throws: { error in
            guard case JuryError.invalidInput(let message) = error else { return false }
            return message.hasPrefix("the request has ") && message.hasSuffix("the queue service takes at most \(SocketServer.maximumRequestBytes)")
        }
        #expect(try client.profile().flows.count == 1)
    }

    @Test("with nothing listening, the error names the socket and how to start the service")
    func noService() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "jury-none-\(UUID().uuidString).sock").path
        #expect {
            try SocketTransport(socketPath: path)
        } throws: { error in
            guard case JuryError.io(let message) = error else { return false }
            return message.hasPrefix("no queue service answers at \(path)") && message.hasSuffix("the queue's owner starts it with `jury serve`")
        }
    }
}
