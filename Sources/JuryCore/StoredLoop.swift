import JuryJSON

/// A Completed loop as a re-aggregation finds it.
struct StoredLoop {
    let loop: FinishedLoop
    let consensus: JSONValue?
    let escalation: [JSONValue]

    struct Change {
        let change: ConsensusChange
        let block: JSONValue
    }

    /// The change to `block` (with the loop's escalation record, or the escalation member it had), or nil when
    /// it changes nothing or a lead settled the loop.
    func change(to computed: JSONValue?) -> Change? {
        guard loop.adjudicator == nil, var block = computed?.recordingEscalation(escalation) else { return nil }
        if escalation.isEmpty, let kept = consensus?["escalation"] { block = block.adding("escalation", kept) }
        guard block.encodedString() != consensus?.encodedString() else { return nil }
        return Change(change: ConsensusChange(loop: loop.name, before: consensus.map(ConsensusSummary.init), after: ConsensusSummary(block)),
                      block: block)
    }
}
