import Foundation
import JuryCore
import JuryService
import Testing

@Suite("Queue layout")
struct QueueLayoutTests {
    @Test("a fresh personal queue is sound")
    func freshQueueIsSound() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        #expect(QueueLayout(queue: queue.directory).problems(owner: geteuid()).isEmpty)
    }

    @Test("a group-writable workforce, a symlinked flows folder and a world-writable root are each refused by name")
    func unsafeLayoutsAreRefused() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let layout = QueueLayout(queue: queue.directory)
        chmod(queue.directory.workforceURL.path, 0o664)
        chmod(queue.directory.root.path, 0o777)
        try FileManager.default.removeItem(at: queue.directory.flowsURL)
        try FileManager.default.createSymbolicLink(atPath: queue.directory.flowsURL.path, withDestinationPath: "/tmp")
        let problems = layout.problems(owner: geteuid())
        #expect(problems.contains("workforce.json is writable by others (mode 664): it must be the queue owner's alone"))
        #expect(problems.contains("flows is a symbolic link; the queue's parts must be its own files"))
        #expect(problems.contains("the queue folder is writable by others (mode 777): anyone could replace the queue's files"))
        let refusal = "refusing to run on \(queue.directory.root.path): " + problems.joined(separator: "; ")
            + " (see docs/deployment.md; `jury init --shared` lays a shared queue out)"
        #expect(throws: JuryError.forbidden(refusal)) { try QueueEndpoint.openInProcess(queue.directory) }
    }

    @Test("parts owned by another account are named")
    func foreignOwner() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let problems = QueueLayout(queue: queue.directory).problems(owner: geteuid() &+ 4242)
        #expect(problems.contains("jury.sqlite belongs to uid \(geteuid()), not to the queue's owner (uid \(geteuid() &+ 4242))"))
    }

    @Test("jury init's ledger creation refuses an existing queue and an orphaned one")
    func createRefusesExistingFiles() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        #expect(throws: JuryError.conflict("\(queue.directory.root.path) is a queue already (it has jury.sqlite); nothing was changed")) {
            try Ledger.create(queue: queue.directory, demo: true, workforce: Workforce(teams: []))
        }
        try Data("{}".utf8).write(to: queue.directory.defaultOutputURL.appending(path: "kept.json"))
        try FileManager.default.removeItem(at: queue.directory.ledgerURL)
        #expect {
            try Ledger.create(queue: queue.directory, demo: false, workforce: Workforce(teams: []))
        } throws: { error in
            guard case JuryError.conflict(let message) = error else { return false }
            return message.contains("has no jury.sqlite but holds ingested files, rejections or outputs")
        }
        try Ledger.create(queue: queue.directory, demo: false, workforce: Workforce(teams: []), overExistingFiles: true)
    }
}
