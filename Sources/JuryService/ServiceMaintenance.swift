import Foundation
import JuryCore

/// What the service does by itself every `interval`: reads `workforce.json` again when a lead changed
/// it, ingests the inbox, retries outputs a failed write left pending, ends leases and lifetimes that
/// ran out, and spools and sends status events. A failure is handed to `report` and tried
/// again at the next turn.
public final class ServiceMaintenance {
    let service: QueueService
    let timer: any DispatchSourceTimer
    let events: EventDelivery
    let report: @Sendable (String) -> Void

    /// - Parameters:
    ///   - events: where status events go besides `events/`.
    ///   - report: says what failed (its text may quote file and loop names: sanitise it).
    public init(service: QueueService, interval: Double, events: EventDelivery = .spoolOnly, report: @escaping @Sendable (String) -> Void) {
        self.service = service
        self.events = events
        self.report = report
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "jury.maintenance"))
        timer.schedule(deadline: .now(), repeating: interval)
    }

    public func start() {
        timer.setEventHandler { [service, events, report] in Self.turn(service, events: events, report: report) }
        timer.resume()
    }

    public func stop() { timer.cancel() }

    /// One turn, now, on the calling thread (the timer runs the same).
    public static func turn(_ service: QueueService, events: EventDelivery = .spoolOnly, report: @Sendable (String) -> Void) {
        var reloaded = false
        do {
            reloaded = try service.ledger.reloadWorkforceIfChanged()
        } catch {
            report("jury serve: the workforce in force stays: \(error)")
        }
        do {
            if reloaded { try service.ledger.endClaimsOutsideTeams() }
            if try service.inboxHasFiles() { _ = try service.ingest() }
            try service.ledger.writePendingOutputs()
            try service.ledger.sweepExpired()
        } catch {
            report("jury serve: \(error)")
        }
        do {
            for failure in try events.turn(service.ledger) { report("jury serve: \(failure)") }
        } catch {
            report("jury serve: status events: \(error)")
        }
    }
}
