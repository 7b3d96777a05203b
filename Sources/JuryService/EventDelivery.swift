import Foundation
import FoundationNetworking
import JuryCore
import JuryJSON

/// Sends status events to webhooks: each event is POSTed as its EventBridge JSON document, one webhook
/// after another, oldest event first. A 2xx answer delivers it; anything else (an error status, no
/// answer within `timeout`) is tried again later, after 1 s, 2 s, 4 s … at most `maximumBackoff`.
/// Delivery is at least once: a receiver drops repeats by the document's `id`.
public struct EventDelivery: Sendable {
    public let webhooks: [String]
    let timeout: Double
    let maximumBackoff: Double

    /// - Throws: `JuryError.invalidInput` for a webhook that is not an http or https URL.
    public init(webhooks: [String], timeout: Double = 10, maximumBackoff: Double = 600) throws {
        for webhook in webhooks {
            guard let url = URL(string: webhook), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
                throw JuryError.invalidInput("the webhook \(webhook) is not an http:// or https:// URL")
            }
        }
        (self.webhooks, self.timeout, self.maximumBackoff) = (webhooks, timeout, maximumBackoff)
    }

    /// Events go to `events/` only.
    public static let spoolOnly = EventDelivery(validated: [])

    private init(validated webhooks: [String]) {
        (self.webhooks, timeout, maximumBackoff) = (webhooks, 10, 600)
    }

    /// Spools new events, then makes one attempt at every delivery that is due to every webhook, one
    /// webhook after another, on the calling thread (`jury serve` delivers on threads of its own instead,
    /// `ServiceMaintenance`).
    /// - Returns: why spooling or deliveries failed this turn, one line each (they are tried again).
    /// - Throws: the ledger's error while delivering.
    public func turn(_ ledger: Ledger) throws -> [String] {
        try spool(ledger) + webhooks.flatMap { try deliver(ledger, to: $0) }
    }

    /// Spools new events (`Ledger.spoolStatusEvents`).
    /// - Returns: why spooling failed, when it did (it is tried again).
    public func spool(_ ledger: Ledger) -> [String] {
        do {
            try ledger.spoolStatusEvents(webhooks: webhooks)
            return []
        } catch {
            return ["status events: \(error)"]
        }
    }

    /// One attempt at every delivery to `webhook` that is due, oldest first, up to the first that fails
    /// (its later events wait behind it). Each attempt waits at most `timeout`.
    /// - Returns: why the failed delivery failed, when one did.
    /// - Throws: the ledger's error.
    public func deliver(_ ledger: Ledger, to webhook: String) throws -> [String] {
        for event in try ledger.dueDeliveries(to: webhook) {
            let failure = send(event.document, to: webhook)
            let attempts = try ledger.deliveryAttempts(of: event, to: webhook)
            try ledger.recordDelivery(of: event, to: webhook, failure: failure, retryAfterSeconds: backoff(afterAttempts: attempts + 1))
            if let failure { return ["the event \(event.fileName) did not reach \(webhook): \(failure)"] }
        }
        return []
    }

    /// Seconds to wait after the `attempts`-th failed attempt.
    func backoff(afterAttempts attempts: Int) -> Double { min(maximumBackoff, pow(2, Double(min(attempts, 30) - 1))) }

    /// POSTs `document`; nil when the webhook answered 2xx within `timeout` seconds, else why not (a request
    /// still open then is cancelled: a receiver that accepts and never answers holds nothing up).
    private func send(_ document: JSONValue, to webhook: String) -> String? {
        // URLSession's own timeout a second later, so the wait below is what ends a silent request, and says so.
        var request = URLRequest(url: URL(string: webhook)!, timeoutInterval: timeout + 1)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = document.encoded()
        let outcome = ReplySlot<String?>()
        let task = URLSession.shared.dataTask(with: request) { _, response, error in
            if let error {
                outcome.fill(.success(error.localizedDescription))
            } else if let status = (response as? HTTPURLResponse)?.statusCode, !(200..<300).contains(status) {
                outcome.fill(.success("it answered HTTP \(status)"))
            } else {
                outcome.fill(.success(nil))
            }
        }
        task.resume()
        guard let answered = outcome.wait(timeout: timeout) else {
            task.cancel()
            return "no answer within \(String(format: "%g", timeout)) s"
        }
        return (try? answered.get()) ?? nil
    }
}
