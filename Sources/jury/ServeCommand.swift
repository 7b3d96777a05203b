import ArgumentParser
import Foundation
import JuryCore
import JuryService

/// `jury serve`: the queue service, the only process that writes the ledger.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the queue service: the one writer of the ledger, on the queue's Unix socket.",
        discussion: """
            Run it as the queue's owner. Clients (jury review, claim, answer, list, ...) reach it on QUEUE/jury.sock and \
            are known by their login, which the kernel reports. It ingests the inbox, retries pending outputs and \
            writes status events to QUEUE/events/ (and to each --webhook) every --interval seconds. SIGTERM or SIGINT \
            stop it. See docs/deployment.md and docs/events.md.

            --listen HOST:PORT also serves the A2I API (A2I's runtime, SageMaker's flow and task UI calls, S3 reads \
            of outputs) over HTTP, every request signed with a key of QUEUE/credentials; a bare PORT, or port 0 \
            for a free one, listens on 127.0.0.1. See docs/a2i-api.md.
            """)

    @OptionGroup var queue: QueueOptions
    @Option(help: ArgumentHelp("Seconds between maintenance turns: inbox scans, output retries, lease expiry and workforce reloads.", valueName: "seconds")) var interval = 1.0
    @Option(help: ArgumentHelp("Also serve the A2I API over HTTP on this address (loopback unless a host is named).", valueName: "host:port"))
    var listen: String?
    @Option(name: .customLong("webhook"), help: ArgumentHelp(
        "POST each status event (Completed, Failed, Stopped) to this http(s) URL, at least once; repeatable.", valueName: "url"))
    var webhooks: [String] = []

    func validate() throws {
        guard interval >= 0.05, interval.isFinite else { throw ValidationError("--interval must be at least 0.05 seconds") }
        if let listen { _ = try APIServer.parseListenAddress(listen) }
    }

    func run() throws {
        umask(0o027)
        let directory = try queue.directory()
        let events = try EventDelivery(webhooks: webhooks)
        let layout = QueueLayout(queue: directory)
        if FileManager.default.fileExists(atPath: directory.ledgerURL.path) {
            // One service a queue: the lock is taken before the ledger is opened (the layout first, so that
            // the lock file is made only in a folder nobody else may write).
            try layout.check(owner: geteuid())
            try layout.holdServiceLock()
        }
        let service = try QueueEndpoint.openInProcess(directory, spoolingEvents: false)
        let apiSetup = try listen.map { (address: try APIServer.parseListenAddress($0), keys: try AccessKeys.load(from: AccessKeys.url(in: directory), owner: geteuid())) }
        let socketPath = queue.socket ?? layout.socketURL.path
        let server = try SocketServer(service: service, socketPath: socketPath)
        guard chmod(socketPath, 0o666) == 0 else { throw JuryError.io("chmod \(socketPath): \(String(cString: strerror(errno)))") }
        Console.say("serving \(directory.root.path) on \(socketPath)")
        let api = try apiSetup.map { setup in
            let server = try APIServer(gateway: APIGateway(service: service, keys: setup.keys), host: setup.address.host, port: setup.address.port)
            Console.say("A2I API on http://\(server.address) (\(setup.keys.keys.count) access keys)")
            return server
        }
        fflush(nil)
        let stop = DispatchSemaphore(value: 0)
        let signals = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        let maintenance = ServiceMaintenance(service: service, interval: interval, events: events, report: Console.warn)
        maintenance.start()
        stop.wait()
        maintenance.stop()
        api?.close()
        server.close()
        service.shutdown()
        unlink(socketPath)
        signals.forEach { $0.cancel() }
        Console.say("stopped serving \(directory.root.path)")
    }
}
