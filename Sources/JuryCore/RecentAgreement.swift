import JuryConsensus

/// Agreement over recently completed loops, per flow and per reviewer.
struct RecentAgreement {
    var flowAgreement: [String: AgreementSummary] = [:]
    var reviewerAgreement: [String: Double] = [:]
}
