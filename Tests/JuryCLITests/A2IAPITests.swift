import Foundation
import JuryTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension CLI {
    /// The A2I API driven by the real boto3 client (fixtures/a2i/boto3_client.py) against `jury serve --listen`.
    @Suite("A2I API with boto3") struct A2IAPITests {
        static let script = Checkout.root.appending(path: "fixtures/a2i/boto3_client.py")

        /// Whether python3 can import `module`. Under CI (`CI=true`) the answer is always yes, so a missing
        /// module fails the test that needs it instead of skipping it.
        static func pythonHas(_ module: String) -> Bool {
            if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
            let probe = Process()
            probe.executableURL = URL(filePath: "/usr/bin/env")
            probe.arguments = ["python3", "-c", "import \(module)"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 0
        }

        @Test("every runtime call, each error, pagination, signatures, SageMaker flows and S3 get_object of an output",
              .enabled(if: pythonHas("boto3"), "boto3 is not installed (pip install boto3); CI=true runs this test regardless"))
        func boto3Client() async throws {
            let (queue, credentials, service, endpoint) = try await Self.servedQueue(label: "a2i-api")
            defer { service.kill() }
            let run = try await JuryRun.python([Self.script.path, endpoint, credentials.path, queue.root.path, try PackageExecutable.jury.require().path], logs: queue.logs)
            #expect(run.status == 0 && run.stdout.contains(" passed, 0 failed"), "\(run.stdout)\n\(run.stderr)")
        }

        @Test("schemathesis, driven by docs/a2i-api.yaml, finds no 5xx, no undocumented reply and no accepted invalid request",
              .enabled(if: pythonHas("schemathesis"), "schemathesis is not installed (pip install schemathesis); CI=true runs this test regardless"))
        func fuzzedFromTheDocument() async throws {
            let (queue, credentials, service, endpoint) = try await Self.servedQueue(label: "a2i-fuzz")
            defer { service.kill() }
            let fuzzer = Checkout.root.appending(path: "fixtures/a2i/fuzz_api.py")
            let document = Checkout.root.appending(path: "docs/a2i-api.yaml")
            let run = try await JuryRun.python([fuzzer.path, endpoint, credentials.path, document.path, "25"], logs: queue.logs)
            #expect(run.status == 0 && run.stdout.contains(" passed, 0 failed"), "\(run.stdout)\n\(run.stderr)")
            #expect(run.stdout.contains("ok   GET /human-loops (negative)"), "the fuzzer ran no operation: \(run.stdout)")
        }

        /// A demo queue with the `stress` flow, an `etl` access key and `jury serve --listen` on a free
        /// loopback port.
        static func servedQueue(label: String) async throws -> (CLIQueue, URL, JuryProcess, String) {
            let queue = try await CLIQueue(label: label, taskCount: 1)
            let credentials = queue.root.appending(path: "credentials")
            try Data("[etl]\naws_access_key_id = AKIAJURYTEST00000001\naws_secret_access_key = s3cr3t/Key+for/Tests\n".utf8).write(to: credentials)
            chmod(credentials.path, 0o600)
            let service = try queue.start(["serve", "--interval", "0.2", "--listen", "127.0.0.1:0"])
            do {
                return (queue, credentials, service, try await endpoint(of: service))
            } catch {
                service.kill()
                throw error
            }
        }

        @Test("jury serve --listen refuses a credentials file others can read, saying why")
        func openCredentialsRefused() async throws {
            let queue = try await CLIQueue(label: "a2i-keys")
            let credentials = queue.root.appending(path: "credentials")
            try Data("[etl]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n".utf8).write(to: credentials)
            chmod(credentials.path, 0o644)
            let run = try await queue.run(["serve", "--listen", "127.0.0.1:0"])
            #expect(run.status != 0 && run.stderr.contains("credentials is open to others (mode 644): it holds secret keys; run chmod 600"), "\(run)")
            #expect(!run.stdout.contains("serving"), "the socket was served before the keys were checked: \(run)")
        }

        /// The address `jury serve` printed (`A2I API on http://HOST:PORT`), waiting up to 10 s.
        static func endpoint(of service: JuryProcess) async throws -> String {
            for _ in 0..<200 {
                if let line = service.printedSoFar().split(separator: "\n").first(where: { $0.hasPrefix("A2I API on ") }),
                   let address = line.split(separator: " ").dropFirst(3).first {
                    return String(address)
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw HarnessError("jury serve printed no A2I API address within 10 s: \(service.printedSoFar())")
        }
    }
}

extension JuryRun {
    /// Runs `python3 ARGUMENTS` to its end, its output kept in `logs`.
    static func python(_ arguments: [String], logs: URL) async throws -> JuryRun {
        await (try JuryProcess(["python3"] + arguments, logs: logs, limit: .seconds(180), binary: URL(filePath: "/usr/bin/env"))).wait()
    }
}
