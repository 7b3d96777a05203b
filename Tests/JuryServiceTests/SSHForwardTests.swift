import Foundation
import JuryCore
import JuryService
import Testing

@Suite("--via ssh:// addresses and the ssh forward")
struct SSHForwardTests {
    @Test("an address names the login, host, port and the service's socket on the host", arguments: [
        ("ssh://queue-host/srv/jury/queue", nil, "queue-host", nil, "/srv/jury/queue/jury.sock"),
        ("ssh://alice@queue-host:2222/srv/jury/queue/", "alice", "queue-host", 2222, "/srv/jury/queue/jury.sock"),
        ("ssh://a.b_c-d@10.0.0.7/run/jury/team.sock", "a.b_c-d", "10.0.0.7", nil, "/run/jury/team.sock"),
        ("ssh://bob@[2001:db8::1]:22/q", "bob", "2001:db8::1", 22, "/q/jury.sock"),
    ] as [(String, String?, String, Int?, String)])
    func parses(text: String, user: String?, host: String, port: Int?, socket: String) throws {
        let destination = try SSHDestination(parsing: text)
        #expect(destination.user == user)
        #expect(destination.host == host)
        #expect(destination.port == port)
        #expect(destination.socketPath == socket)
        #expect(try SSHDestination(parsing: destination.description) == destination)
    }

    @Test("an address ssh would misread, or that names no queue, is refused with what is wrong", arguments: [
        ("queue-host:/srv/q", "takes an ssh:// address"),
        ("ssh://queue-host", "names no queue folder"),
        ("ssh://queue-host/", "must be absolute"),
        ("ssh://-oProxyCommand=x/srv/q", "characters no host name has"),
        ("ssh://-l@host/srv/q", "must be a user name"),
        ("ssh://@host/srv/q", "must be a user name"),
        ("ssh://host:0/srv/q", "from 1 to 65535"),
        ("ssh://host:ssh/srv/q", "from 1 to 65535"),
        ("ssh://host/srv/a:b", "hold no : or control characters"),
        ("ssh://host/srv/q\u{1b}[2J", "hold no : or control characters"),
        ("ssh://host name/srv/q", "characters no host name has"),
        ("ssh://[2001:db8::1/q", "lacks its ]"),
    ])
    func refuses(text: String, reason: String) {
        #expect {
            _ = try SSHDestination(parsing: text)
        } throws: { error in
            guard case JuryError.invalidInput(let message) = error else { return false }
            return message.contains(reason)
        }
    }

    @Test("ssh that ends before forwarding is reported with its last words, and leaves no folder behind")
    func sshEndingEarly() throws {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "jury-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fake = scratch.appending(path: "ssh")
        try Data("#!/bin/sh\necho \"$@\" > \(scratch.path)/arguments\necho 'alice@queue-host: Permission denied (publickey).' >&2\nexit 255\n".utf8)
            .write(to: fake)
        chmod(fake.path, 0o755)
        let destination = try SSHDestination(parsing: "ssh://alice@queue-host:2222/srv/q")
        #expect {
            _ = try SSHForward(to: destination, ssh: fake.path, timeout: 10)
        } throws: { error in
            guard case JuryError.io(let message) = error else { return false }
            return message.contains("ssh to ssh://alice@queue-host:2222/srv/q/jury.sock ended (exit status 255)")
                && message.contains("Permission denied (publickey).")
        }
        let arguments = try String(contentsOf: scratch.appending(path: "arguments"), encoding: .utf8)
        let forward = try #require(arguments.split(separator: " ").first { $0.hasSuffix(":/srv/q/jury.sock") })
        #expect(arguments.hasPrefix("-N -o ExitOnForwardFailure=yes"))
        #expect(arguments.hasSuffix("-p 2222 -l alice -- queue-host\n"))
        let folder = URL(filePath: String(forward.dropLast(":/srv/q/jury.sock".count))).deletingLastPathComponent()
        #expect(folder.lastPathComponent.hasPrefix("jury-via-"))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
