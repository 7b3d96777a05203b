import JuryJSON

/// A Completed loop as a re-aggregation finds it.
struct StoredLoop {
    /// The loop's row in the ledger (a loop deleted and started again under its name is another row).
    let id: Int64
    let loop: FinishedLoop
    let consensus: JSONValue?
    let escalation: [JSONValue]

    struct Change {
        let loopId: Int64
        let change: ConsensusChange
        let block: JSONValue
    }

    /// The change to `block` (with the loop's escalation record, or the escalation member it had), or nil when
    /// it changes nothing or a lead settled the loop.
    func change(to computed: JSONValue?) -> Change? {
        guard loop.adjudicator == nil, var block = computed?.recordingEscalation(escalation) else { return nil }
        if escalation.isEmpty, let kept = consensus?["escalation"] { block = block.adding("escalation", kept) }
        guard block.encodedString() != consensus?.encodedString() else { return nil }
        return Change(loopId: id, change: ConsensusChange(loop: loop.name, before: consensus.map(ConsensusSummary.init), after: ConsensusSummary(block)),
                      block: block)
    }
}
