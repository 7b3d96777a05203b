import Foundation
import JuryCore
import Synchronization

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

    /// The webhooks whose delivery round is still running, each on a thread of its own.
    private let deliveries = Deliveries()

    public func start() {
        timer.setEventHandler { [service, events, report, deliveries] in
            Self.turn(service, events: events, deliveringInline: false, report: report)
            for webhook in events.webhooks {
                deliveries.start(webhook) {
                    do {
                        for failure in try events.deliver(service.ledger, to: webhook) { report("jury serve: \(failure)") }
                    } catch {
                        report("jury serve: status events: \(error)")
                    }
                }
            }
        }
        timer.resume()
    }

    public func stop() { timer.cancel() }

    /// One turn, now, on the calling thread (the timer runs the same, with its deliveries to webhooks on
    /// threads of their own, so a receiver that hangs holds up neither the inbox nor the other webhooks).
    /// Each step runs whatever the steps before it threw, and a failed step is tried again next turn.
    public static func turn(_ service: QueueService, events: EventDelivery = .spoolOnly, deliveringInline: Bool = true,
                            report: @Sendable (String) -> Void) {
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
        step { if try service.ledger.queue.inboxHoldsFiles() { _ = try service.ingest() } }
        // The sweep first: a loop it completes (a lead-settled loop whose last claim ran out) has its output
        // written, and its status event spooled, in this same turn.
        step { try service.ledger.sweepExpired() }
        step { _ = try service.ledger.writePendingOutputs() }
        step("status events: ") {
            let failures = deliveringInline ? try events.turn(service.ledger) : events.spool(service.ledger)
            for failure in failures { report("jury serve: \(failure)") }
        }
    }
}

/// Delivery rounds, one webhook at a time each: a round starts only when that webhook's last one ended.
private final class Deliveries: Sendable {
    private let running = Mutex<Set<String>>([])

    /// Runs `round` on a thread of its own unless a round for `webhook` is still running.
    func start(_ webhook: String, _ round: @escaping @Sendable () -> Void) {
        guard running.withLock({ $0.insert(webhook).inserted }) else { return }
        DispatchQueue.global(qos: .utility).async { [self] in
            round()
            running.withLock { _ = $0.remove(webhook) }
        }
    }
}
