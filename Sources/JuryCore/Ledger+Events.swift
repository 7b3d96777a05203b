import Foundation
import GRDB
import JuryJSON

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
        // A Completed loop's event waits for its output; the ones behind it in the outbox do not.
        let ready = try database.read { db in
            try db.fetchRecords(StatusEventRecord.self, sql: """
                SELECT status_event.* FROM status_event LEFT JOIN loop ON loop.id = status_event.loop_id
                WHERE spooled_at IS NULL AND (status_event.status <> 'Completed' OR loop.output_state IS NOT 'pending')
                ORDER BY status_event.id LIMIT ?
                """, arguments: [limit])
        }
        guard !ready.isEmpty else { return [] }
        let events = try documented(ready)
        let written = DurableFile.writeAll(events.map { ($0.document.encoded(pretty: true), queue.eventsURL.appending(path: $0.fileName)) })
        let spooled = zip(events, written).compactMap { event, result in (try? result.get()).map { _ in event } }
        try writeImmediately { db in
            let now = nowMilliseconds
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

    /// The events queued for `webhook`, oldest first, up to the first one not yet due for another
    /// attempt at the ledger's now: an event waiting to be retried holds back the later ones, so a
    /// webhook receives its events in order.
    public func dueDeliveries(to webhook: String, limit: Int = 64) throws -> [StatusEvent] {
        let now = nowMilliseconds
        return try database.read { db in
            try db.fetchRecords(StatusEventRecord.self, sql: """
                SELECT status_event.* FROM event_delivery INDEXED BY event_delivery_due JOIN status_event ON status_event.id = event_id
                WHERE target = ?1 AND delivered_at IS NULL AND event_id < coalesce((
                    SELECT min(event_id) FROM event_delivery INDEXED BY event_delivery_due
                    WHERE target = ?1 AND delivered_at IS NULL AND next_attempt_at > ?2), 9223372036854775807)
                ORDER BY event_id LIMIT ?3
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
        try writeImmediately(durable: false) { db in
            let now = nowMilliseconds
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

    /// The events of outbox rows, in their order: each its stored document, or a new one (with a new
    /// id) stored in one durable commit before any copy is written or sent. When another process
    /// stored one first, that one is used. So every copy of an event, across crashes and processes,
    /// is the same document.
    private func documented(_ records: [StatusEventRecord]) throws -> [StatusEvent] {
        var documents = try records.map { try $0.parsedDocument() }
        let missing = documents.indices.filter { documents[$0] == nil }
        if !missing.isEmpty {
            let drafted = missing.map { newDocument(of: records[$0]) }
            let stored = try writeImmediately { db in
                try zip(missing, drafted).map { index, document in
                    let record = records[index]
                    try db.run(sql: "UPDATE status_event SET document = ? WHERE id = ? AND document IS NULL",
                               arguments: [document.encodedString(), record.id])
                    guard db.changesCount == 0 else { return document }
                    let text = try String.fetchOne(db, sql: "SELECT document FROM status_event WHERE id = ?", arguments: [record.id])
                    return try LedgerColumn.eventDocument.parseIfPresent(text, loop: record.loopName) ?? document
                }
            }
            for (index, document) in zip(missing, stored) { documents[index] = document }
        }
        return zip(records, documents).map { record, document in
            StatusEvent(sequence: record.id, loopName: record.loopName, status: record.status, document: document!)
        }
    }

    /// A new document (with a new id) for an outbox row that has none.
    private func newDocument(of record: StatusEventRecord) -> JSONValue {
        let (loop, status, flow, createdAt) = (record.loopName, record.status, record.flow, record.loopCreatedAt)
        let outputURI = status == .completed
            ? queue.objectURI(of: Self.outputURL(folder: queue.resolve(record.outputFolder), flow: flow, loop: loop, createdAt: createdAt)) : nil
        return StatusEvent.document(
            id: UUID(), loop: loop, flow: flow, status: status, createdAt: createdAt, changedAt: record.changedAt,
            failureCode: record.failureCode, failureReason: record.failureReason, outputURI: outputURI, arns: arns)
    }
}
