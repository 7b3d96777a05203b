import Foundation
import JuryCore
import JuryService
import Synchronization
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

    @Test("a folder above the queue that others may write (unless sticky) or that another account owns is refused")
    func foldersAboveTheQueue() throws {
        let parent = FileManager.default.temporaryDirectory.appending(path: "jury-above-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let directory = QueueDirectory(parent.appending(path: "queue", directoryHint: .isDirectory))
        try Ledger.create(queue: directory, demo: true, workforce: Workforce(teams: [Workforce.Team(name: "t", reviewers: ["r"], leads: ["l"])]))
        let layout = QueueLayout(queue: directory)
        #expect(layout.problems(owner: geteuid()).isEmpty)
        chmod(parent.path, 0o777)
        #expect(layout.problems(owner: geteuid()) == [
            "the folder \(parent.standardizedFileURL.path) above the queue is writable by others and not sticky (mode 777): anyone could put another queue in this one's place",
        ])
        chmod(parent.path, 0o1777)
        #expect(layout.problems(owner: geteuid()).isEmpty, "a sticky folder, as /tmp is, lets nobody rename the queue")
        if geteuid() == 0 {
            chmod(parent.path, 0o755)
            chown(parent.path, 65_534, 65_534)
            #expect(layout.problems(owner: geteuid()).first?.contains("above the queue belongs to uid 65534") == true)
        }
    }

    @Test("a workforce.json changed while others could write it is not read; the workforce in force stays")
    func workforceReloadChecksTheLayout() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let workforce = queue.directory.workforceURL
        chmod(workforce.path, 0o666)
        try Data(#"{"Teams": [{"Name": "support", "Reviewers": ["mallory"], "Leads": ["mallory"]}]}"#.utf8).write(to: workforce)
        let reports = Mutex<[String]>([])
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        #expect(!queue.service.ledger.workforce.isLead("mallory"))
        #expect(reports.withLock { $0 }.contains { $0.hasPrefix("jury serve: the workforce in force stays: refusing to run on") && $0.contains("workforce.json is writable by others") })
    }

    @Test("a shared queue's ledger others may read (a restored backup) is refused; a personal queue's is the owner's business")
    func sharedPrivatePartsAreUnreadable() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let layout = QueueLayout(queue: queue.directory), ledger = queue.directory.ledgerURL.path
        chmod(ledger, 0o644)
        #expect(layout.problems(owner: geteuid()).isEmpty)
        let group = try #require(getgrgid(getegid())).pointee.gr_name.map { String(cString: $0) } ?? "root"
        try layout.share(producers: group, consumers: group)
        #expect(layout.problems(owner: geteuid()).isEmpty)
        chmod(ledger, 0o644)
        #expect(layout.problems(owner: geteuid()) == [
            "jury.sqlite of a shared queue is open to others (mode 644): it must be the queue owner's alone (chmod 600, as `jury init --shared` leaves it)",
        ])
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
