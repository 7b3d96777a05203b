/// What became of one request offered to the ledger.
public enum AdmissionResult: Sendable, Equatable {
    /// A new loop was created.
    case created
    /// A loop with this name and the same content exists already: nothing new (idempotent retry).
    case duplicate
    /// A loop with this name but other content exists (A2I's ConflictException).
    case conflict(Rejection)
}
