/// The categorical aggregation methods, named as users know them from Crowd-Kit.
///
/// Raw values are the CLI spellings (`jury aggregate --method ds`).
public enum AggregationMethod: String, CaseIterable, Codable, Sendable {
    /// Majority vote: most frequent label; confidence is the label's share of the votes.
    case mv
    /// Weighted majority vote: votes weighted by log-odds of reviewer accuracy.
    case wmv
    /// Worker-agreement-with-aggregate (Wawa): MV weighted by accuracy against plain MV.
    case wawa
    /// Zero-based skill: weighted MV with skills refined by 100 damped steps.
    case zbs
    /// Dawid-Skene EM with a full confusion matrix per reviewer.
    case ds
    /// One-coin Dawid-Skene: one accuracy per reviewer, errors spread evenly.
    case onecoinDS = "onecoin-ds"
    /// GLAD: reviewer ability and item difficulty (Whitehill et al., 2009).
    case glad
    /// MACE: reviewer competence vs. spamming strategy (Hovy et al., 2013), variational Bayes.
    case mace
    /// IBCC: independent Bayesian classifier combination (Kim and Ghahramani, 2012), variational.
    case ibcc
    /// EBCC: enhanced Bayesian classifier combination (Li, Rubinstein and Cohn, 2019):
    /// correlated reviewers through subtypes of each class, variational, best of seeded starts.
    case ebcc

    /// A one-line description for help text.
    public var summary: String {
        switch self {
        case .mv: "majority vote"
        case .wmv: "weighted majority vote (log-odds of accuracy)"
        case .wawa: "worker agreement with aggregate"
        case .zbs: "zero-based skill"
        case .ds: "Dawid-Skene (EM, confusion matrices)"
        case .onecoinDS: "one-coin Dawid-Skene"
        case .glad: "GLAD (ability and difficulty)"
        case .mace: "MACE (competence and spamming)"
        case .ibcc: "IBCC (Bayesian confusion matrices, variational)"
        case .ebcc: "EBCC (Bayesian, correlated reviewers, best of seeded starts)"
        }
    }
}
