import Foundation
import JuryCore

/// What the service does by itself every `interval`: reads `workforce.json` again when the owner changed
/// it (and the queue's layout still lets nobody else write it), ingests the inbox, retries outputs a
/// failed write left pending, ends leases and lifetimes that ran out, and spools and sends status
/// events. A failure is handed to `report` and tried again at the next turn.
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
    /// Each step runs whatever the steps before it threw, and a failed step is tried again next turn.
    public static func turn(_ service: QueueService, events: EventDelivery = .spoolOnly, report: @Sendable (String) -> Void) {
        do {
            try service.ledger.reloadWorkforceIfChanged { try QueueLayout(queue: service.ledger.queue).check(owner: geteuid()) }
        } catch {
            report("jury serve: the workforce in force stays: \(error)")
        }
        func step(_ prefix: String = "", _ body: () throws -> Void) {
            do {
                try body()
            } catch {
                report("jury serve: \(prefix)\(error)")
            }
        }
        step { try service.ledger.endClaimsOutsideTeamsIfWorkforceChanged() }
        step { if try service.inboxHasFiles() { _ = try service.ingest() } }
        step { _ = try service.ledger.writePendingOutputs() }
        step { try service.ledger.sweepExpired() }
        step("status events: ") { for failure in try events.turn(service.ledger) { report("jury serve: \(failure)") } }
    }
}
