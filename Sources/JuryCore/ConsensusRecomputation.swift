/// What `recomputeConsensus` did.
public struct ConsensusRecomputation: Sendable, Codable {
    public let loops: Int
    public let method: String
    /// Agreement over the flow's completed loops (Fleiss' kappa, Krippendorff's alpha), when computable.
    public let fleissKappa: Double?
    public let krippendorffAlpha: Double?
}
