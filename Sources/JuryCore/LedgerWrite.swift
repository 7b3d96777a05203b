/// One write the queue service gathers with others that arrive together into one transaction
/// (`Ledger.perform(_:)`).
public enum LedgerWrite: Sendable {
    /// Takes the next slot for a reviewer, as `Ledger.claim(reviewer:flow:order:)`.
    case claimNext(reviewer: String, flow: String?, order: ClaimOrder)
    /// Stores a verdict, as `Ledger.submit(loop:reviewer:answer:timeSpentSeconds:)`.
    case verdict(VerdictSubmission)
    /// Starts a loop (StartHumanLoop), as one element of `Ledger.admit(_:)`.
    case admission(LoopAdmission)

    /// Whether the write must survive power loss (see `Ledger.writeImmediately`): verdicts and started
    /// loops must, a claim may at worst be forgotten, which frees its slot.
    public var isDurable: Bool {
        if case .claimNext = self { false } else { true }
    }
}

/// What a `LedgerWrite` did.
public enum LedgerWriteOutcome: Sendable {
    /// The slot claimed (or the claim the reviewer already held); nil when nothing was claimable.
    case claimed(ClaimedTask?)
    case recorded(VerdictReceipt)
    case admitted(AdmissionResult)
}
