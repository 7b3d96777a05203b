import Foundation
import GRDB
import JuryTestSupport
import Testing

extension CLI {
    /// A shared queue set up as a team would, with real OS users: the owner runs `jury serve`; reviewers,
    /// a lead, a producer and a consumer reach it only through the socket or the groups the layout grants.
    @Suite(.enabled(if: getuid() == 0 || ProcessInfo.processInfo.environment["CI"] != nil, "needs root to make OS users"))
    struct SharedQueueTests {
        /// The scratch folder, the queue in it, a copy of `jury` every user may run, and the accounts.
        struct Team {
            var accounts = SystemAccounts()
            let scratch: URL
            let root: URL
            let binary: URL
            var socket: String { root.appending(path: "jury.sock").path }
            var logs: URL { scratch.appending(path: "logs", directoryHint: .isDirectory) }

            init() throws {
                var template = Array(FileManager.default.temporaryDirectory.appending(path: "jury-shared-XXXXXX").path.utf8CString)
                guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed") }
                scratch = URL(filePath: String(cString: made), directoryHint: .isDirectory)
                root = scratch.appending(path: "queue", directoryHint: .isDirectory)
                binary = scratch.appending(path: "bin/jury")
                try accounts.addGroup("producers")
                try accounts.addGroup("consumers")
                try accounts.addUser("owner", groups: ["producers", "consumers"])
                for role in ["alice", "bob", "lena"] { try accounts.addUser(role) }
                try accounts.addUser("prod", groups: ["producers"])
                try accounts.addUser("cons", groups: ["consumers"])
                chmod(scratch.path, 0o755)
                try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
                // Copied by a child process: a descriptor of this one open for writing on the copy would be
                // inherited by any process a parallel test starts meanwhile, and exec would fail ETXTBSY.
                try Shell.require(["/usr/bin/install", "-m", "755", try PackageExecutable.jury.require().path, binary.path])
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                let owner = try accounts.ids("owner")
                chown(root.path, owner.uid, owner.gid)
            }

            /// Runs `jury ARGUMENTS` as `role` to its end.
            func jury(_ role: String, _ arguments: [String]) async throws -> JuryRun {
                try await JuryProcess(arguments, logs: logs, launcher: ["/usr/sbin/runuser", "-u", accounts.name(role), "--"], binary: binary).wait()
            }

            /// Writes a file of the owner's with mode 0600, as the owner would.
            func install(_ data: Data, at path: String) throws {
                let url = root.appending(path: path)
                try data.write(to: url)
                let owner = try accounts.ids("owner")
                chown(url.path, owner.uid, owner.gid)
                chmod(url.path, 0o600)
            }

            /// One call to the service as `role`, straight over the socket (curl), with extra headers.
            func call(_ role: String, _ name: String, _ body: String, headers: [String] = []) throws -> (status: Int, body: String) {
                let arguments = ["/usr/bin/curl", "-s", "-o", "-", "-w", "\n%{http_code}", "--unix-socket", socket, "-X", "POST",
                                 "-H", "Content-Type: application/json"] + headers.flatMap { ["-H", $0] } + ["-d", body, "http://jury/v1/\(name)"]
                let result = try Shell.require(arguments, as: accounts.name(role))
                let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
            }

            /// Lays the queue out as `jury init --shared` does, with alice and bob reviewing and lena leading
            /// team reviewers, the test flow, and its owner's `jury serve`; returns once the service listens.
            func serveSharedQueue() async throws -> JuryProcess {
                try await jury("owner", ["init", "--shared", "--producers", accounts.name("producers"), "--consumers", accounts.name("consumers"),
                                         "--queue", root.path]).requireSuccess()
                let (alice, bob, lena) = (accounts.name("alice"), accounts.name("bob"), accounts.name("lena"))
                let workforce = #"{"Teams": [{"Name": "reviewers", "Reviewers": ["\#(alice)", "\#(bob)"], "Leads": ["\#(lena)"]}]}"#
                try install(Data(workforce.utf8), at: "workforce.json")
                try install(try CLIQueue.flowDocument(team: "reviewers", taskCount: 2), at: "flows/\(CLIQueue.flow).json")
                let service = try JuryProcess(["serve", "--queue", root.path, "--interval", "0.2"], logs: logs,
                                              launcher: ["/usr/sbin/runuser", "-u", accounts.name("owner"), "--"], binary: binary)
                // Ready once it says so: the socket is made first, then opened to every user.
                let ready = { service.printedSoFar().contains("serving \(root.path) on \(socket)") }
                for _ in 0..<600 where !ready() { try await Task.sleep(for: .milliseconds(50)) }
                guard ready() else {
                    service.kill()
                    throw HarnessError("jury serve did not say it serves the socket: \(service.printedSoFar())")
                }
                return service
            }

            func remove() {
                accounts.remove()
                try? FileManager.default.removeItem(at: scratch)
            }
        }

        @Test("reviewers cannot touch the ledger, act as others, stop loops or read drafts; identity comes from the socket")
        func trustModel() async throws {
            let team = try Team()
            defer { team.remove() }
            let service = try await team.serveSharedQueue()
            defer { service.kill() }

            try await producersAndConsumersGetOnlyTheirFolders(team)
            try await reviewersGoThroughTheService(team)
            try await identityComesFromTheSocket(team)
            try await draftsArePrivate(team)
            try await outputsReachConsumersOnly(team)
            try await pipelineCallsAreTheProducers(team)
            try await aProducersFolderOrUnreadableFileBlocksNoIngest(team)
        }

        @Test("a queue its owner may only read still lists, describes and reports; writes are refused by name")
        func readOnlyQueue() async throws {
            let team = try Team()
            defer { team.remove() }
            try await team.jury("owner", ["init", "--queue", team.root.path]).requireSuccess()
            try team.install(try CLIQueue.flowDocument(team: "reviewers", taskCount: 2), at: "flows/\(CLIQueue.flow).json")
            let prediction = team.scratch.appending(path: "prediction.json")
            try Data(#"{"text": "where is my parcel", "prediction": {"label": "shipping", "confidence": 0.3}}"#.utf8).write(to: prediction)
            chmod(prediction.path, 0o644)
            try await team.jury("owner", ["submit", "--flow", CLIQueue.flow, "--name", "ro-1", prediction.path, "--queue", team.root.path]).requireSuccess()
            try Shell.require(["/bin/chmod", "-R", "a-w", team.root.path])
            let list = try await team.jury("owner", ["list", "--queue", team.root.path])
            #expect(list.status == 0 && list.stdout.contains("ro-1  \(CLIQueue.flow)  InProgress"), "\(list)")
            let describe = try await team.jury("owner", ["describe", "ro-1", "--json", "--queue", team.root.path])
            #expect(describe.status == 0 && describe.stdout.contains(#""HumanLoopStatus": "InProgress""#), "\(describe)")
            let stats = try await team.jury("owner", ["stats", "--queue", team.root.path])
            #expect(stats.status == 0 && stats.stdout.contains("1 unclaimed"), "\(stats)")
            let claim = try await team.jury("owner", ["claim", "--queue", team.root.path])
            #expect(claim.status == 1 && claim.stderr.contains("is read-only here: list, describe and stats work, claimNext does not"), "\(claim)")
            try Shell.require(["/bin/chmod", "-R", "u+w", team.root.path])
        }

        @Test("a reviewer on another host reaches the service with --via ssh://, known as her ssh login; ssh ends with the command")
        func reviewerThroughSSH() async throws {
            let team = try Team()
            defer { team.remove() }
            let name = team.accounts.name
            let service = try await team.serveSharedQueue()
            defer { service.kill() }
            let prediction = team.scratch.appending(path: "prediction.json")
            try Data(#"{"text": "card declined", "prediction": {"label": "billing", "confidence": 0.2}}"#.utf8).write(to: prediction)
            chmod(prediction.path, 0o644)
            try await team.jury("prod", ["submit", "--flow", CLIQueue.flow, "--name", "v-1", prediction.path, "--queue", team.root.path]).requireSuccess()

            let sshd = try SSHServer(in: team.scratch.appending(path: "sshd"))
            defer { sshd.stop() }
            try sshd.authorize(name("alice"))
            let runtime = team.scratch.appending(path: "runtime", directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true)
            chmod(runtime.path, 0o700)
            func viaSSH(_ user: String, _ arguments: [String], path: String = team.root.path) async throws -> JuryRun {
                try await JuryProcess(arguments + ["--via", "ssh://\(user)@127.0.0.1:\(sshd.port)\(path)"], logs: team.logs,
                                      launcher: ["/usr/bin/env", "PATH=\(sshd.clientFolder):/usr/bin:/bin", "XDG_RUNTIME_DIR=\(runtime.path)"],
                                      binary: team.binary).wait()
            }

            // The command runs as root here; the service knows the caller as the ssh login.
            let claim = try await viaSSH(name("alice"), ["claim"])
            #expect(claim.status == 0 && claim.stdout.contains("claimed v-1 ") && claim.stdout.contains("for \(name("alice"));"), "\(claim)")
            let holders = try await DatabaseQueue(path: team.root.appending(path: "jury.sqlite").path).read { db in
                try String.fetchAll(db, sql: "SELECT reviewer FROM claim")
            }
            #expect(holders == [name("alice")])
            #expect(try FileManager.default.contentsOfDirectory(atPath: runtime.path).isEmpty, "the forward's folder outlived the command")
            #expect(try Shell.run(["/usr/bin/pgrep", "-f", runtime.path]).status == 1, "ssh outlived the command")

            let refused = try await viaSSH(name("bob"), ["list"])
            #expect(refused.status == 1 && refused.stderr.contains("ended (exit status 255) before forwarding the queue's socket")
                    && refused.stderr.contains("Permission denied"), "\(refused)")
            let nowhere = try await viaSSH(name("alice"), ["list"], path: team.scratch.appending(path: "nowhere").path)
            #expect(nowhere.status == 1 && nowhere.stderr.contains("ssh://\(name("alice"))@127.0.0.1:\(sshd.port)")
                    && nowhere.stderr.contains("(ssh: "), "\(nowhere)")
        }

        @Test("kill -9 of a workstation reviewing through ssh: ssh ends with it, the draft waits in the service, the next session sends it")
        func killedWorkstationThroughSSH() async throws {
            try Tmux.requireTmux()
            let team = try Team()
            defer { team.remove() }
            let alice = team.accounts.name("alice")
            let service = try await team.serveSharedQueue()
            defer { service.kill() }
            let prediction = team.scratch.appending(path: "prediction.json")
            try Data(#"{"text": "the parcel never came", "prediction": {"label": "billing", "confidence": 0.2}}"#.utf8).write(to: prediction)
            chmod(prediction.path, 0o644)
            try await team.jury("prod", ["submit", "--flow", CLIQueue.flow, "--name", "k-1", prediction.path, "--queue", team.root.path]).requireSuccess()
            let sshd = try SSHServer(in: team.scratch.appending(path: "sshd"))
            defer { sshd.stop() }
            try sshd.authorize(alice)
            let runtime = team.scratch.appending(path: "runtime", directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true)
            chmod(runtime.path, 0o700)
            let review = ["/usr/bin/env", "PATH=\(sshd.clientFolder):/usr/bin:/bin", "XDG_RUNTIME_DIR=\(runtime.path)", team.binary.path,
                          "review", "--via", "ssh://\(alice)@127.0.0.1:\(sshd.port)\(team.root.path)"]
            let ledger = team.root.appending(path: "jury.sqlite").path
            func read(_ sql: String) throws -> [String] { try DatabaseQueue(path: ledger).read { try String.fetchAll($0, sql: sql) } }
            func eventually(_ what: String, _ condition: () throws -> Bool) throws {
                for _ in 0..<300 where try !condition() { usleep(30_000) }
                guard try condition() else { throw HarnessError("timed out waiting until \(what)") }
            }

            let first = Tmux()
            defer { first.kill() }
            try first.start(review)
            try first.wait(for: "Jury · review queue", timeout: 30)
            try first.send("n")
            try first.wait(for: "the parcel never came")
            try first.send("2")
            try eventually("the service holds alice's draft") { try read("SELECT reviewer || ' ' || loop FROM draft") == ["\(alice) k-1"] }
            #expect(Glibc.kill(try first.panePID(), SIGKILL) == 0)
            try first.waitForExit()
            try eventually("ssh ended with the workstation") { try Shell.run(["/usr/bin/pgrep", "-f", runtime.path]).status == 1 }

            let second = Tmux()
            defer { second.kill() }
            try second.start(review)
            try second.wait(for: "You have an unsent verdict on k-1", timeout: 30)
            try second.send("y")
            try second.wait(for: "the parcel never came")
            try second.send("s")
            try second.wait(for: "shipping")
            try second.send("y")
            try second.wait(for: "today 1")
            try second.send("q")
            try second.waitForExit()
            let verdicts = try read("SELECT reviewer || ' ' || json_extract(answer, '$.category.label') FROM verdict")
            #expect(verdicts == ["\(alice) shipping"])
            #expect(try read("SELECT loop FROM draft").isEmpty)
        }

        /// The producer starts loops (socket) and drops files (inbox), but lists nothing; a reviewer may do neither.
        private func producersAndConsumersGetOnlyTheirFolders(_ team: Team) async throws {
            let prediction = team.scratch.appending(path: "prediction.json")
            try Data(#"{"text": "refund please", "prediction": {"label": "billing", "confidence": 0.4}}"#.utf8).write(to: prediction)
            chmod(prediction.path, 0o644)
            for loop in ["s-1", "s-2"] {
                let started = try await team.jury("prod", ["submit", "--flow", CLIQueue.flow, "--name", loop, prediction.path, "--queue", team.root.path])
                #expect(started.status == 0 && started.stdout.contains("human loop \(loop) started"), "\(started)")
            }
            let refused = try await team.jury("alice", ["submit", "--flow", CLIQueue.flow, "--name", "s-3", prediction.path, "--queue", team.root.path])
            #expect(refused.status == 1 && refused.stderr.contains("may not start loops"), "\(refused)")
            let inbox = team.root.appending(path: "inbox").path
            let dropped = try Shell.run(["/bin/sh", "-c", "printf '{}' > \(inbox)/.x.tmp && mv \(inbox)/.x.tmp \(inbox)/x.json"], as: team.accounts.name("prod"))
            #expect(dropped.status == 0, "the producer could not drop a file: \(dropped.stderr)")
            #expect(try Shell.run(["/bin/ls", inbox], as: team.accounts.name("prod")).status != 0, "the producer could list inbox/")
            #expect(try Shell.run(["/bin/sh", "-c", "printf x > \(inbox)/y.json"], as: team.accounts.name("alice")).status != 0,
                    "a reviewer could write into inbox/")
        }

        /// A reviewer opens no queue file; through the service she claims and answers as herself.
        private func reviewersGoThroughTheService(_ team: Team) async throws {
            let alice = team.accounts.name("alice")
            for file in ["jury.sqlite", "workforce.json", "flows/\(CLIQueue.flow).json"] {
                let read = try Shell.run(["/bin/cat", team.root.appending(path: file).path], as: alice)
                #expect(read.status != 0, "\(alice) could read \(file)")
            }
            let opened = try Shell.run(["/usr/bin/sqlite3", team.root.appending(path: "jury.sqlite").path, "UPDATE setting SET value = '1' WHERE key = 'demo'"], as: alice)
            #expect(opened.status != 0, "\(alice) could write the ledger")
            let claim = try await team.jury("alice", ["claim", "--queue", team.root.path])
            #expect(claim.status == 0 && claim.stdout.contains("claimed s-1 ") && claim.stdout.contains("for \(alice);"), "\(claim)")
            let answer = team.scratch.appending(path: "answer.json")
            try Data(#"{"category": {"label": "refund"}}"#.utf8).write(to: answer)
            chmod(answer.path, 0o644)
            let stored = try await team.jury("alice", ["answer", "s-1", "--answer", answer.path, "--queue", team.root.path])
            #expect(stored.status == 0 && stored.stdout.contains("verdict stored: s-1 1/2"), "\(stored)")
            let actingAs = try await team.jury("alice", ["claim", "--reviewer", team.accounts.name("bob"), "--queue", team.root.path])
            #expect(actingAs.status == 1 && actingAs.stderr.contains("only accepted on demo queues"), "\(actingAs)")
            let stop = try await team.jury("alice", ["stop", "s-2", "--queue", team.root.path])
            #expect(stop.status == 1 && stop.stderr.contains("only leads of team reviewers may stop"), "\(stop)")
            let leadStop = try await team.jury("lena", ["stop", "s-2", "--queue", team.root.path])
            #expect(leadStop.status == 0 && leadStop.stdout.contains("s-2 is Stopped"), "\(leadStop)")
            let reviewers = try await DatabaseQueue(path: team.root.appending(path: "jury.sqlite").path).read { db in
                try String.fetchAll(db, sql: "SELECT reviewer FROM verdict")
            }
            #expect(reviewers == [alice])
        }

        /// A forged identity header is refused; the caller is who the kernel says.
        private func identityComesFromTheSocket(_ team: Team) async throws {
            let forged = try team.call("bob", "loopAction", #"{"loopAction": {"action": "delete", "loop": "s-2"}}"#,
                                       headers: ["Jury-Acting-As: \(team.accounts.name("lena"))"])
            #expect(forged.status == 403 && forged.body.contains("only accepted on demo queues"), "\(forged)")
            let profile = try team.call("bob", "profile", #"{"profile": {}}"#)
            #expect(profile.status == 200 && profile.body.contains(#""login":"\#(team.accounts.name("bob"))""#), "\(profile)")
            let garbage = try team.call("bob", "claimNext", "{not json")
            #expect(garbage.status == 400 && garbage.body.contains("not JSON"), "\(garbage)")
        }

        /// A draft is read back by its author alone.
        private func draftsArePrivate(_ team: Team) async throws {
            let saved = try team.call("alice", "saveDraft", #"{"saveDraft": {"loop": "s-2", "body": "c2VjcmV0"}}"#)
            #expect(saved.status == 200, "\(saved)")
            let own = try team.call("alice", "listDrafts", #"{"listDrafts": {}}"#)
            #expect(own.body.contains("c2VjcmV0"), "\(own)")
            let other = try team.call("bob", "listDrafts", #"{"listDrafts": {}}"#)
            #expect(other.status == 200 && other.body == "[]", "\(other)")
        }

        /// A2I's stop, delete and flow calls are the pipeline's (the producers group), not a lead's by leading:
        /// a lead acts on loops through the lead actions, which check the loop's team.
        private func pipelineCallsAreTheProducers(_ team: Team) async throws {
            let leadStop = try team.call("lena", "stopHumanLoop", #"{"stopHumanLoop": {"loop": "s-2"}}"#)
            #expect(leadStop.status == 403 && leadStop.body.contains("may not call stopHumanLoop"), "\(leadStop)")
            let leadFlowDelete = try team.call("lena", "deleteFlowDefinition", #"{"deleteFlowDefinition": {"name": "\#(CLIQueue.flow)"}}"#)
            #expect(leadFlowDelete.status == 403, "\(leadFlowDelete)")
            let prediction = team.scratch.appending(path: "prediction.json").path
            try await team.jury("prod", ["submit", "--flow", CLIQueue.flow, "--name", "s-3", prediction, "--queue", team.root.path]).requireSuccess()
            let inUse = try team.call("prod", "deleteFlowDefinition", #"{"deleteFlowDefinition": {"name": "\#(CLIQueue.flow)"}}"#)
            #expect(inUse.status == 409 && inUse.body.contains("has loops InProgress or Stopping"), "\(inUse)")
            #expect(FileManager.default.fileExists(atPath: team.root.appending(path: "flows/\(CLIQueue.flow).json").path))
            let outsiderDraft = try team.call("cons", "saveDraft", #"{"saveDraft": {"loop": "s-1", "body": "c2VjcmV0"}}"#)
            #expect(outsiderDraft.status == 403 && outsiderDraft.body.contains("in no team"), "\(outsiderDraft)")
            let draftOfNothing = try team.call("alice", "saveDraft", #"{"saveDraft": {"loop": "no-such-loop", "body": "c2VjcmV0"}}"#)
            #expect(draftOfNothing.status == 404, "\(draftOfNothing)")
        }

        /// A producer's folder in the inbox (which the owner may not move) and a file the owner may not read
        /// (written with umask 077): the folder stays, the file is refused as unreadable, a good file still goes in.
        private func aProducersFolderOrUnreadableFileBlocksNoIngest(_ team: Team) async throws {
            let inbox = team.root.appending(path: "inbox").path
            let prod = team.accounts.name("prod")
            try Shell.require(["/bin/mkdir", "\(inbox)/folder.json"], as: prod)
            try Shell.require(["/bin/sh", "-c", "umask 077 && printf '{}' > \(inbox)/.u.tmp && mv \(inbox)/.u.tmp \(inbox)/private.json"], as: prod)
            let request = #"{"HumanLoopName": "after-folder", "FlowDefinitionName": "\#(CLIQueue.flow)", "HumanLoopInput": {"InputContent": "{\"text\": \"late parcel\", \"prediction\": {\"label\": \"shipping\", \"confidence\": 0.2}}"}}"#
            try Shell.require(["/bin/sh", "-c", "umask 027 && cat > \(inbox)/.g.tmp && mv \(inbox)/.g.tmp \(inbox)/good.json"], as: prod, input: request)
            let reason = team.root.appending(path: "rejected/private.json.reason.json").path
            for _ in 0..<600 where !FileManager.default.fileExists(atPath: reason) { try await Task.sleep(for: .milliseconds(50)) }
            let kept = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(filePath: reason))) as? [String: Any]
            #expect(kept?["code"] as? String == "unreadable", "\(String(describing: kept))")
            var described = try await team.jury("lena", ["describe", "after-folder", "--queue", team.root.path])
            for _ in 0..<50 where described.status != 0 {
                try await Task.sleep(for: .milliseconds(100))
                described = try await team.jury("lena", ["describe", "after-folder", "--queue", team.root.path])
            }
            #expect(described.status == 0, "the good file was not ingested beside the folder: \(described)")
            var info = stat()
            #expect(lstat("\(inbox)/folder.json", &info) == 0 && info.st_mode & S_IFMT == S_IFDIR, "the producer's folder left the inbox")
            try Shell.require(["/bin/rmdir", "\(inbox)/folder.json"], as: prod)
        }

        /// Bob completes s-1; the consumer reads its output.json, a reviewer does not.
        private func outputsReachConsumersOnly(_ team: Team) async throws {
            let answer = team.scratch.appending(path: "answer.json").path
            let claim = try await team.jury("bob", ["answer", "--next", "--answer", answer, "--queue", team.root.path])
            #expect(claim.status == 0 && claim.stdout.contains("verdict stored: s-1 2/2 Completed; output "), "\(claim)")
            let found = try Shell.require(["/usr/bin/find", team.root.appending(path: "output").path, "-name", "output.json"]).stdout
            let output = try #require(found.split(separator: "\n").first.map(String.init))
            #expect(try Shell.run(["/bin/cat", output], as: team.accounts.name("cons")).stdout.contains(#""humanLoopName": "s-1""#))
            #expect(try Shell.run(["/bin/cat", output], as: team.accounts.name("alice")).status != 0, "a reviewer could read output/")
        }
    }
}
