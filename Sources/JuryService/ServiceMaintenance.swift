import Foundation
import JuryCore

/// What the service does by itself every `interval`: ingests the inbox, retries outputs a failed write
/// left pending, and ends leases and lifetimes that ran out. A failure is written to standard error
/// and tried again at the next turn.
public final class ServiceMaintenance {
    let service: QueueService
    let timer: any DispatchSourceTimer

    public init(service: QueueService, interval: Double) {
        self.service = service
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "jury.maintenance"))
        timer.schedule(deadline: .now(), repeating: interval)
    }

    public func start() {
        timer.setEventHandler { [service] in Self.turn(service) }
        timer.resume()
    }

    public func stop() { timer.cancel() }

    static func turn(_ service: QueueService) {
        do {
            if try service.inboxHasFiles() { _ = try service.ingest() }
            try service.ledger.writePendingOutputs()
            try service.ledger.sweepExpired()
        } catch {
            FileHandle.standardError.write(Data("jury serve: \(error)\n".utf8))
        }
    }
}
