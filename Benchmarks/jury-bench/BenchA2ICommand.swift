import ArgumentParser
import Crypto
import Foundation
import JuryCore
import JuryJSON
import JuryService
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

struct BenchA2ICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "a2i",
        abstract: "StartHumanLoop over HTTP with a SigV4-signed request (one client, then concurrent connections), "
            + "beside the raw inbox-drop rate in the same run.")

    @Option(help: "StartHumanLoop round trips to time with one client.") var samples = 5_000
    @Option(help: "Concurrent connections.") var connections = 32
    @Option(help: "StartHumanLoop calls each concurrent connection makes.") var callsPerConnection = 500
    @Option(help: "Inbox files for the baseline.") var files = 5_000
    @Option(help: "Scratch folder (erased).") var dir = FileManager.default.temporaryDirectory.appending(path: "jury-bench-a2i").path

    static let key = (id: "AKIAJURYBENCH0000001", secret: "bench/secret+key")

    func run() throws {
        let root = URL(filePath: dir, directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: root) }
        let queue = try BenchQueue(root: root.appending(path: "queue"), taskCount: 1)
        let baseline = try stopwatch { for index in 0..<files { try queue.directory.drop(BenchQueue.request(index, bytes: 300)) } }
        print(String(format: "baseline inbox drop (write + fsync + rename, %d files): %.0f files/s", files, Double(files) / baseline))
        let service = try QueueService(ledger: queue.ledger)
        let keys = AccessKeys(keys: [Self.key.id: AccessKeys.Key(profile: "bench", secret: Self.key.secret)])
        let server = try APIServer(gateway: APIGateway(service: service, keys: keys), host: "127.0.0.1", port: 0, workerThreads: connections + 8)
        defer { server.close(); service.shutdown() }
        let client = try BenchHTTPClient(address: server.address)
        var latencies = Latencies()
        for index in 0..<samples { try latencies.measure { try client.startHumanLoop(name: "one-\(index)") } }
        print("StartHumanLoop round trip, 1 client, signed: \(latencies.summary)  target p99 < 2 ms")
        try concurrent(address: server.address)
    }

    private func concurrent(address: String) throws {
        let clients = try (0..<connections).map { _ in try BenchHTTPClient(address: address) }
        let failures = Mutex<[String]>([])
        let perConnection = callsPerConnection
        let seconds = stopwatch {
            onThreads(clients.count) { connection in
                do {
                    for call in 0..<perConnection { try clients[connection].startHumanLoop(name: "c\(connection)-\(call)") }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw ValidationError("a connection failed: \(failure)") }
        let calls = connections * perConnection
        print(String(format: "StartHumanLoop, %d connections: %.0f loops/s (%d in %.2f s)  target >= 5,000/s", connections, Double(calls) / seconds, calls, seconds))
    }
}

/// One kept-alive HTTP/1.1 connection that sends signed StartHumanLoop requests, as an SDK would.
final class BenchHTTPClient: @unchecked Sendable {  // used from one thread at a time
    private let descriptor: Int32
    private let host: String
    private var buffer = [UInt8](repeating: 0, count: 65_536)
    /// The signing key of the last request's scope, kept for the day as AWS's Java and Go SDKs keep theirs.
    private var signingKey: (scope: SignatureV4.Scope, key: SymmetricKey)?

    init(address: String) throws {
        let (host, port) = try APIServer.parseListenAddress(address)
        self.host = address
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var peer = sockaddr_in()
        peer.sin_family = sa_family_t(AF_INET)
        peer.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &peer.sin_addr)
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let connected = withUnsafePointer(to: &peer) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, connected == 0 else { throw JuryError.io("connect \(address): \(String(cString: strerror(errno)))") }
    }

    deinit { close(descriptor) }

    /// Sends one signed StartHumanLoop and reads the answer.
    /// - Throws: `JuryError.io` for a refusal or a broken connection.
    func startHumanLoop(name: String) throws {
        let content = JSONValue.object(["text": .string("ticket \(name)"), "prediction": ["label": "billing", "confidence": 0.5]]).encodedString()
        let body = JSONValue.object([
            "HumanLoopName": .string(name), "FlowDefinitionArn": .string(ARNScheme().flowDefinition(BenchQueue.flowName)),
            "HumanLoopInput": ["InputContent": .string(content)],
        ]).encoded()
        let now = Date()
        let amzDate = now.formatted(SignatureVerifier.amzDateFormat)
        let headers = [(name: "Host", value: host), (name: "X-Amz-Date", value: amzDate), (name: "Content-Type", value: "application/json")]
        let request = SignatureV4.Request(method: "POST", path: "/human-loops", query: "", headers: headers, payloadHash: SignatureV4.payloadHash(body))
        let scope = SignatureV4.Scope(date: String(amzDate.prefix(8)), region: "us-east-1", service: "sagemaker")
        if signingKey?.scope != scope { signingKey = (scope, SignatureV4.signingKey(secret: BenchA2ICommand.key.secret, scope: scope)) }
        let authorization = SignatureV4.authorization(request, accessKey: BenchA2ICommand.key.id, signingKey: signingKey!.key, scope: scope, amzDate: amzDate)
        let head = "POST /human-loops HTTP/1.1\r\n" + headers.map { "\($0.name): \($0.value)\r\n" }.joined()
            + "Authorization: \(authorization)\r\nContent-Length: \(body.count)\r\n\r\n"
        try send(Data(head.utf8) + body)
        let status = try readResponse()
        guard status == 200 else { throw JuryError.io("StartHumanLoop \(name) answered HTTP \(status)") }
    }

    private func send(_ data: Data) throws {
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { throw JuryError.io("send: \(String(cString: strerror(errno)))") }
                offset += written
            }
        }
    }

    /// Reads one response (headers, then `Content-Length` bytes); returns its status.
    private func readResponse() throws -> Int {
        var received: [UInt8] = []
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { throw JuryError.io("the service closed the connection") }
            received.append(contentsOf: buffer[0..<count])
            guard let end = Self.headEnd(received) else { continue }
            let head = received[0..<end]
            if received.count >= end + 4 + Self.contentLength(head) { return Self.status(head) }
        }
    }

    /// Where a response's head ends (the index of its blank line's `\r\n\r\n`), if it has arrived.
    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }
    }

    /// The status code of a head's `HTTP/1.1 NNN` line, 0 when it has none.
    private static func status(_ head: ArraySlice<UInt8>) -> Int {
        let digits = head.dropFirst(9).prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (48...57).contains($0) }) else { return 0 }
        return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    /// A head's `Content-Length` (its name in any case), 0 when it has none.
    private static func contentLength(_ head: ArraySlice<UInt8>) -> Int {
        let name = Array("content-length:".utf8)
        for line in head.split(separator: 10) where line.count > name.count
            && zip(line, name).allSatisfy({ ($0 | 0x20) == $1 }) {
            return line.dropFirst(name.count).reduce(0) { (48...57).contains($1) ? $0 * 10 + Int($1 - 48) : $0 }
        }
        return 0
    }
}
