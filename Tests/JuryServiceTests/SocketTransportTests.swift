import Foundation
import JuryCore
import JuryJSON
import JuryService
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Socket transport")
struct SocketTransportTests {
    /// A stand-in service on a Unix socket: each connection gets a thread that answers every request
    /// `{}`, except that a request whose body holds "slow" signals `slowArrived` and is answered only once
    /// `release` is signalled.
    final class HeldService: @unchecked Sendable {
        let path: String
        let release = DispatchSemaphore(value: 0)
        let slowArrived = DispatchSemaphore(value: 0)
        private let listener: Int32

        init() throws {
            path = FileManager.default.temporaryDirectory.appending(path: "jury-held-\(UUID().uuidString.prefix(8)).sock").path
            listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: Array(path.utf8))
                raw[path.utf8.count] = 0
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0, listen(listener, 8) == 0 else { throw JuryError.io("cannot listen at \(path)") }
            Thread.detachNewThread { [self] in
                while case let connection = accept(listener, nil, nil), connection >= 0 {
                    Thread.detachNewThread { [self] in serve(connection) }
                }
            }
        }

        private func serve(_ connection: Int32) {
            defer { close(connection) }
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(connection, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                received += buffer[0..<count]
                let text = String(decoding: received, as: UTF8.self)
                guard let headEnd = text.range(of: "\r\n\r\n"),
                      let lengthLine = text[..<headEnd.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
                      let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
                      text.utf8.count - text[..<headEnd.upperBound].utf8.count >= length
                else { continue }
                if text.contains("slow") {
                    slowArrived.signal()
                    release.wait()
                }
                received = []
                let answer = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".utf8)
                guard send(connection, answer, answer.count, Int32(MSG_NOSIGNAL)) == answer.count else { return }
            }
        }

        func stop() {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            unlink(path)
        }
    }

    @Test("a call from another thread does not wait for a slow call to finish: each runs on a connection of its own")
    func callsRunSideBySide() throws {
        let service = try HeldService()
        defer { service.stop() }
        let client = QueueConnection(transport: try SocketTransport(socketPath: service.path))
        let slowDone = DispatchSemaphore(value: 0), fastDone = DispatchSemaphore(value: 0)
        let fastAnswer = Mutex<JSONValue?>(nil)
        Thread.detachNewThread {
            _ = try? client.describe(loop: "slow")
            slowDone.signal()
        }
        #expect(service.slowArrived.wait(timeout: .now() + 30) == .success, "the slow call reached the service")
        Thread.detachNewThread {
            let answer = try? client.describe(loop: "fast")
            fastAnswer.withLock { $0 = answer }
            fastDone.signal()
        }
        let fastFinishedFirst = fastDone.wait(timeout: .now() + 10) == .success
        service.release.signal()
        #expect(slowDone.wait(timeout: .now() + 10) == .success)
        #expect(fastFinishedFirst)
        #expect(fastAnswer.withLock { $0 } == .object([:]))
        #expect(try client.describe(loop: "after") == .object([:]))
    }
}
