import Foundation
import GRDB

extension Ledger {
    /// Writes the status events not yet in `events/` there, each atomically under its
    /// `StatusEvent.fileName`, and queues one delivery of each to every webhook in `webhooks`.
    ///
    /// At least once: the outbox row is marked only after its file is durable, so a crash in between
    /// writes the same file (same name, same document) again. A Completed loop's event waits until its
    /// output.json is written, so whoever reacts to the event finds the output.
    /// - Parameter webhooks: the URLs events go to (`jury serve --webhook`); an event is queued for the
    ///   webhooks configured when it is spooled.
    /// - Returns: the events spooled by this call, in commit order.
    /// - Throws: `JuryError.io` when a file cannot be written (the others are spooled; it is tried again
    ///   at the next call); the ledger's error.
    @discardableResult
    public func spoolStatusEvents(webhooks: [String] = [], limit: Int = 256) throws -> [StatusEvent] {
        let unspooled = try database.read { db in
            try db.fetchRecords(UnspooledStatusEvent.self, sql: """
                SELECT status_event.*, loop.output_state FROM status_event LEFT JOIN loop ON loop.id = status_event.loop_id
                WHERE spooled_at IS NULL ORDER BY status_event.id LIMIT ?
                """, arguments: [limit])
        }
        let ready = unspooled.filter(\.isReady)
        guard !ready.isEmpty else { return [] }
        let events = try ready.map { try event(of: $0.event) }
        try FileManager.default.createDirectory(at: queue.eventsURL, withIntermediateDirectories: true)
        let written = DurableFile.writeAll(events.map { ($0.document.encoded(pretty: true), queue.eventsURL.appending(path: $0.fileName)) })
        let spooled = zip(events, written).compactMap { event, result in (try? result.get()).map { _ in event } }
        let now = nowMilliseconds
        try writeImmediately { db in
            for event in spooled {
                try db.run(sql: "UPDATE status_event SET spooled_at = ? WHERE id = ?", arguments: [now, event.sequence])
                for webhook in webhooks {
                    try db.run(sql: "INSERT OR IGNORE INTO event_delivery(event_id, target) VALUES (?, ?)", arguments: [event.sequence, webhook])
                }
            }
        }
        for case .failure(let error) in written {
            throw JuryError.io("a status event could not be written to \(queue.eventsURL.path): \(error)")
        }
        return spooled
    }

    /// The events queued for `webhook` and due for an attempt at the ledger's now, oldest first.
    public func dueDeliveries(to webhook: String, limit: Int = 64) throws -> [StatusEvent] {
        let now = nowMilliseconds
        return try database.read { db in
            try db.fetchRecords(StatusEventRecord.self, sql: """
                SELECT status_event.* FROM event_delivery INDEXED BY event_delivery_due JOIN status_event ON status_event.id = event_id
                WHERE target = ? AND delivered_at IS NULL AND next_attempt_at <= ? ORDER BY event_id LIMIT ?
                """, arguments: [webhook, now, limit])
            .map { record in
                guard let document = try record.parsedDocument() else { throw LedgerColumn.eventDocument.missing(loop: record.loopName) }
                return StatusEvent(sequence: record.id, loopName: record.loopName, status: record.status, document: document)
            }
        }
    }

    /// Records one attempt to send `event` to `webhook`: delivered, or failed with why and when to try
    /// again (`retryAfterSeconds` from now).
    public func recordDelivery(of event: StatusEvent, to webhook: String, failure: String?, retryAfterSeconds: Double) throws {
        let now = nowMilliseconds
        try writeImmediately(durable: false) { db in
            if let failure {
                try db.run(sql: """
                    UPDATE event_delivery SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE event_id = ? AND target = ?
                    """, arguments: [String(failure.prefix(1024)), now + Int64(retryAfterSeconds * 1000), event.sequence, webhook])
            } else {
                try db.run(sql: """
                    UPDATE event_delivery SET attempts = attempts + 1, last_error = NULL, delivered_at = ? WHERE event_id = ? AND target = ?
                    """, arguments: [now, event.sequence, webhook])
            }
        }
    }

    /// How many attempts `event` has had at `webhook` (0 before the first).
    public func deliveryAttempts(of event: StatusEvent, to webhook: String) throws -> Int {
        try database.read { db in
            try db.fetchValue(Int.self, sql: "SELECT attempts FROM event_delivery WHERE event_id = ? AND target = ?",
                              arguments: [event.sequence, webhook]) ?? 0
        }
    }

    /// The event of an outbox row: its stored document, or a new one (with a new id) stored before
    /// anything is sent, so that every copy is the same.
    private func event(of record: StatusEventRecord) throws -> StatusEvent {
        let (sequence, loop, status) = (record.id, record.loopName, record.status)
        if let stored = try record.parsedDocument() {
            return StatusEvent(sequence: sequence, loopName: loop, status: status, document: stored)
        }
        let (flow, createdAt) = (record.flow, record.loopCreatedAt)
        let outputURI = status == .completed
            ? queue.objectURI(of: Self.outputURL(folder: queue.resolve(record.outputFolder), flow: flow, loop: loop, createdAt: createdAt)) : nil
        let document = StatusEvent.document(
            id: UUID(), loop: loop, flow: flow, status: status, createdAt: createdAt, changedAt: record.changedAt,
            failureCode: record.failureCode, failureReason: record.failureReason, outputURI: outputURI, arns: arns)
        try writeImmediately(durable: false) { db in
            try db.run(sql: "UPDATE status_event SET document = ? WHERE id = ? AND document IS NULL",
                       arguments: [document.encodedString(), sequence])
        }
        return StatusEvent(sequence: sequence, loopName: loop, status: status, document: document)
    }
}
