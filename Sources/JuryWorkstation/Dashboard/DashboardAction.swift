import JuryCore
import JuryCanvas

/// Everything that can change the dashboard: input, time, and the results of effects.
public enum DashboardAction: Equatable, Sendable {
    case key(Key)
    case resize(Size)
    /// The clock, ms since 1970.
    case tick(Int64)
    case loaded(DashboardSnapshot)
    /// A lead action succeeded; the text says what happened.
    case performed(LeadAction, String)
    /// A find's matches, with the trail of the match named exactly (or the only one).
    case foundLoops(String, [LoopSummary], LoopTrail?)
    case trailLoaded(LoopTrail)
    /// An effect failed; the text says what and why.
    case failed(String)
}

/// What the dashboard's update asks the runtime to do. Values: tests compare them.
public enum DashboardEffect: Equatable, Sendable {
    /// Read the figures and attention items again.
    case refresh
    /// Do a lead action in the lead's name.
    case perform(LeadAction)
    /// Look up loops whose names start with the text.
    case find(String)
    /// Read one loop's state and audit trail.
    case loadTrail(String)
    /// Close the pane (inside `jury review`).
    case closePane
    case quit
}
