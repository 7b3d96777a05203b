import Foundation
import JuryJSON

/// What `recomputeConsensus` did, or would do without `writing`.
public struct ConsensusRecomputation: Sendable, Codable, Equatable {
    /// Completed loops of the flow looked at.
    public let loops: Int
    public let method: String
    /// Agreement over the flow's completed loops (Fleiss' kappa, Krippendorff's alpha), when computable.
    public let fleissKappa: Double?
    public let krippendorffAlpha: Double?
    /// The loops whose consensus changes (changed, when `written`), in creation order.
    public let changes: [ConsensusChange]
    /// Loops a lead settled: their consensus is the lead's and stays.
    public let settledByLead: Int
    /// Whether the changes were written (new outputs, audited) or only computed (a dry run).
    public let written: Bool
}

/// One loop's consensus before and after a re-aggregation.
public struct ConsensusChange: Sendable, Codable, Equatable {
    public let loop: String
    /// nil when the loop had no consensus block (completed under a policy that writes none).
    public let before: ConsensusSummary?
    public let after: ConsensusSummary

    /// "billing 0.67 (mv) → unresolved: tie 0.33 (ds)".
    public var description: String { "\(before?.description ?? "none") → \(after.description)" }
}

/// The figures of a consensus people compare: its value, confidence and whether it is final.
public struct ConsensusSummary: Sendable, Codable, Equatable {
    public let method: String
    /// The label, chosen text or moderation label set ("a+b"); nil for a tie or a form.
    public let value: String?
    public let confidence: Double
    public let unresolved: Bool
    public let reason: String?

    public init(method: String, value: String?, confidence: Double, unresolved: Bool, reason: String?) {
        (self.method, self.value, self.confidence, self.unresolved, self.reason) = (method, value, confidence, unresolved, reason)
    }

    /// "billing 0.67 (ds)", "unresolved: tie 0.33 (ds)", "billing, unresolved: low-confidence 0.50 (mv)".
    public var description: String {
        let state = unresolved ? "unresolved: \(reason ?? "unknown")" : nil
        let head = [value, state].compactMap { $0 }.joined(separator: ", ")
        return "\(head.isEmpty ? "(no value)" : head) \(String(format: "%.2f", confidence)) (\(method))"
    }
}

extension ConsensusSummary {
    /// The figures of a stored consensus block.
    init(_ block: JSONValue) {
        let labels = block["labelSet"]?.arrayValue.map { $0.compactMap(\.stringValue).joined(separator: "+") }
        self.init(method: block["method"]?.stringValue ?? "", value: block["value"]?.stringValue ?? labels,
                  confidence: block["confidence"]?.numberValue ?? 0, unresolved: block["unresolved"]?.boolValue ?? false,
                  reason: block["reason"]?.stringValue)
    }
}
