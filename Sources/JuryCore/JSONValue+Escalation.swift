import JuryJSON

extension JSONValue {
    /// A consensus block with the loop's escalation record as its `escalation` member: the last step's
    /// `action` and `reason` and every step in `steps`. Unchanged when the loop never escalated.
    func recordingEscalation(_ steps: [JSONValue]) -> JSONValue {
        guard let last = steps.last else { return self }
        return adding("escalation", ["action": last["action"] ?? .null, "reason": last["reason"] ?? .null, "steps": .array(steps)])
    }
}
