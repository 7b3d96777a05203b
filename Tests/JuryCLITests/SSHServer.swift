import Foundation

/// An OpenSSH server of one test's own (the test runs as root) on a free loopback port, letting in the
/// users `authorize` gives the test's key; and a folder holding an `ssh` that logs in to it with that
/// key, trusting its host key, never prompting. (sshd lets a client connect to a socket path only where
/// it allows local TCP forwarding too: `AllowTcpForwarding no` denies `ssh -L` to a socket.)
struct SSHServer {
    let folder: URL
    let port: Int

    /// The folder to put first on `PATH` so that `ssh` reaches this server.
    var clientFolder: String { folder.appending(path: "bin").path }

    /// Makes the keys and the configuration in `folder` and starts `sshd`, returning once it listens.
    init(in folder: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
            throw HarnessError("no /usr/sbin/sshd: install openssh-server (scripts/install-system-packages)")
        }
        self.folder = folder
        let keys = folder.appending(path: "keys"), bin = folder.appending(path: "bin")
        for made in [keys, bin] { try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true) }
        chmod(folder.path, 0o755)
        chmod(keys.path, 0o755)
        for key in ["host_key", "client_key"] {
            try Shell.require(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder.appending(path: key).path])
        }
        port = try Self.freePort()
        let configuration = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(folder.appending(path: "host_key").path)
            PidFile \(folder.appending(path: "sshd.pid").path)
            AuthorizedKeysFile \(keys.path)/%u
            StrictModes no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin no
            AllowStreamLocalForwarding yes
            AllowTcpForwarding local
            X11Forwarding no
            LogLevel ERROR

            """
        try Data(configuration.utf8).write(to: folder.appending(path: "sshd_config"))
        let client = """
            #!/bin/sh
            exec /usr/bin/ssh -F /dev/null -i \(folder.appending(path: "client_key").path) -o IdentitiesOnly=yes -o BatchMode=yes \\
                -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "$@"

            """
        try Data(client.utf8).write(to: bin.appending(path: "ssh"))
        chmod(bin.appending(path: "ssh").path, 0o755)
        // sshd refuses to start without its privilege separation folder.
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        // sshd goes to the background (its pid in PidFile), then binds its port.
        try Shell.require(["/usr/sbin/sshd", "-f", folder.appending(path: "sshd_config").path, "-E", folder.appending(path: "sshd.log").path])
        for _ in 0..<200 where !Self.accepts(port) { usleep(50_000) }
        guard Self.accepts(port) else {
            stop()
            throw HarnessError("sshd does not listen on port \(port)")
        }
    }

    /// Lets `user` log in with the test's key (sshd refuses accounts whose password is locked, as
    /// `useradd` leaves them, so the password becomes unusable instead: `*`).
    func authorize(_ user: String) throws {
        try Shell.require(["/usr/sbin/usermod", "-p", "*", user])
        let key = try Data(contentsOf: folder.appending(path: "client_key.pub"))
        let file = folder.appending(path: "keys/\(user)")
        try key.write(to: file)
        chmod(file.path, 0o644)
    }

    /// Ends sshd (the sessions it started end with their connections).
    func stop() {
        guard let text = try? String(contentsOf: folder.appending(path: "sshd.pid"), encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return }
        kill(pid, SIGTERM)
    }

    /// A TCP port of 127.0.0.1 that nothing listens on now.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw HarnessError("no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: UInt16(port).bigEndian, sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")),
                                  sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
