/// Answers encoded once as dense integer indices, grouped by item.
///
/// Workers and tasks are numbered in order of first appearance. Labels are numbered in the
/// *label order*: the declared labels first, in the order given, then any other label in
/// order of first appearance. That order settles ties (Crowd-Kit's majority vote and
/// Dawid-Skene keep first-appearance column order and pick the first tied column).
/// The answers of task `t` are the positions `taskStart[t] ..< taskStart[t + 1]` of
/// `workerOf` and `labelOf`; within a task they keep their input order. Every method works on
/// this value, so strings are hashed once per answer and never inside an iteration.
public struct AnswerMatrix: Sendable {
    /// Reviewer identifiers; index = worker number.
    public let workers: [String]
    /// Item identifiers; index = task number.
    public let tasks: [String]
    /// Class labels in label order; index = label number.
    public let labels: [String]
    /// Start of each task's answers, `tasks.count + 1` entries.
    let taskStart: [Int]
    /// Task number of each answer (answers grouped by task).
    let taskOf: [Int32]
    /// Worker number of each answer.
    let workerOf: [Int32]
    /// Label number of each answer.
    let labelOf: [Int32]

    /// Encodes `answers`. `declaredLabels` (duplicates ignored) come first in the label
    /// order and are classes even when nobody chose them.
    ///
    /// - Complexity: O(n): one hash look-up per answer field (a task's run of answers costs
    ///   one), and a counting sort by task unless each task's answers are already contiguous.
    public init(_ answers: [Answer], declaredLabels: [String] = []) {
        var labels = StringInterner(expectingRepeats: true)
        var workers = StringInterner(expectingRepeats: true)
        var tasks = StringInterner(expectingRepeats: false)
        for label in declaredLabels { _ = labels.number(label) }
        var taskOf = [Int32](repeating: 0, count: answers.count)
        var workerOf = taskOf, labelOf = taskOf
        var grouped = true
        answers.withUnsafeBufferPointer { answers in
            taskOf.withUnsafeMutableBufferPointer { taskOf in
                workerOf.withUnsafeMutableBufferPointer { workerOf in
                    labelOf.withUnsafeMutableBufferPointer { labelOf in
                        var task: Int32 = -1
                        for a in answers.indices {
                            if a == 0 || answers[a].task != answers[a - 1].task {
                                let next = Int32(tasks.number(answers[a].task))
                                grouped = grouped && next == task + 1
                                task = next
                            }
                            taskOf[a] = task
                            workerOf[a] = Int32(workers.number(answers[a].worker))
                            labelOf[a] = Int32(labels.number(answers[a].label))
                        }
                    }
                }
            }
        }
        var start = [Int](repeating: 0, count: tasks.names.count + 1)
        for t in taskOf { start[Int(t) + 1] += 1 }
        for t in 0..<tasks.names.count { start[t + 1] += start[t] }
        (self.workers, self.tasks, self.labels, self.taskStart) = (workers.names, tasks.names, labels.names, start)
        guard !grouped else {
            (self.taskOf, self.workerOf, self.labelOf) = (taskOf, workerOf, labelOf)
            return
        }
        var next = start, sortedTask = taskOf, sortedWorker = workerOf, sortedLabel = labelOf
        for a in taskOf.indices {
            let t = Int(taskOf[a]), slot = next[t]
            next[t] += 1
            (sortedTask[slot], sortedWorker[slot], sortedLabel[slot]) = (taskOf[a], workerOf[a], labelOf[a])
        }
        (self.taskOf, self.workerOf, self.labelOf) = (sortedTask, sortedWorker, sortedLabel)
    }

    /// Number of answers.
    public var answerCount: Int { taskOf.count }
    /// Number of classes.
    public var labelCount: Int { labels.count }
    /// The answer positions of task `t`.
    func answers(of t: Int) -> Range<Int> { taskStart[t]..<taskStart[t + 1] }
    /// Task number of answer `a`.
    func task(_ a: Int) -> Int { Int(taskOf[a]) }
    /// Worker number of answer `a`.
    func worker(_ a: Int) -> Int { Int(workerOf[a]) }
    /// Label number of answer `a`.
    func label(_ a: Int) -> Int { Int(labelOf[a]) }
}
