/// One reviewer's answer to one item: the plain-value input of every categorical method.
///
/// `worker`, `task` and `label` are opaque identifiers compared by exact string equality;
/// normalise them (case, whitespace) before building answers if your source needs that.
public struct Answer: Sendable, Hashable, Codable {
    /// The reviewer who answered.
    public var worker: String
    /// The item (human loop, task) the answer belongs to.
    public var task: String
    /// The class the reviewer chose.
    public var label: String

    /// Creates an answer from its three identifiers.
    public init(worker: String, task: String, label: String) {
        self.worker = worker
        self.task = task
        self.label = label
    }
}
