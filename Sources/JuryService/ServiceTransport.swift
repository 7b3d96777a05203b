import Foundation
import JuryCore
import JuryJSON

/// How a `QueueConnection` reaches the queue service.
public protocol ServiceTransport: Sendable {
    /// Performs `call` and returns its result's JSON.
    /// - Throws: the service's `JuryError`, or `JuryError.io` when the service cannot be reached.
    func send(_ call: ServiceCall) throws -> JSONValue
    /// The service's clock.
    var now: Date { get }
}

/// The service in this process (a personal queue): calls are handed over as values, for this process's
/// user or, on a demo queue, the reviewer named by `--reviewer`.
public struct InProcessTransport: ServiceTransport {
    public let service: QueueService
    public let caller: Caller
    public let actingAs: String?

    public init(service: QueueService, caller: Caller = .currentProcess(), actingAs: String? = nil) {
        (self.service, self.caller, self.actingAs) = (service, caller, actingAs)
    }

    public func send(_ call: ServiceCall) throws -> JSONValue { try service.perform(call, caller: caller, actingAs: actingAs) }
    public var now: Date { service.ledger.time.now }
}
