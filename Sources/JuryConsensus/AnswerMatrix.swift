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
    let taskOf: [Int]
    /// Worker number of each answer.
    let workerOf: [Int]
    /// Label number of each answer.
    let labelOf: [Int]

    /// Encodes `answers`. `declaredLabels` (duplicates ignored) come first in the label
    /// order and are classes even when nobody chose them.
    ///
    /// - Complexity: O(n): one hash look-up per answer field and a counting sort by task.
    public init(_ answers: [Answer], declaredLabels: [String] = []) {
        var labels = StringInterner(), workers = StringInterner(), tasks = StringInterner()
        for label in declaredLabels { _ = labels.number(label) }
        var taskOf: [Int] = [], workerOf: [Int] = [], labelOf: [Int] = []
        taskOf.reserveCapacity(answers.count)
        workerOf.reserveCapacity(answers.count)
        labelOf.reserveCapacity(answers.count)
        var last = (task: "", number: -1), grouped = true
        for answer in answers {
            if last.number < 0 || answer.task != last.task {
                let number = tasks.number(answer.task)
                grouped = grouped && number == last.number + 1
                last = (answer.task, number)
            }
            taskOf.append(last.number)
            workerOf.append(workers.number(answer.worker))
            labelOf.append(labels.number(answer.label))
        }
        self.init(workers: workers.names, tasks: tasks.names, labels: labels.names,
                  taskOf: taskOf, workerOf: workerOf, labelOf: labelOf, grouped: grouped)
    }

    /// Builds the grouped arrays from numbered answers; unless `grouped` (each task's answers
    /// already contiguous and tasks in number order) they are regrouped by a counting sort.
    init(workers: [String], tasks: [String], labels: [String],
         taskOf: [Int], workerOf: [Int], labelOf: [Int], grouped: Bool) {
        var start = [Int](repeating: 0, count: tasks.count + 1)
        for t in taskOf { start[t + 1] += 1 }
        for t in 0..<tasks.count { start[t + 1] += start[t] }
        (self.workers, self.tasks, self.labels, self.taskStart) = (workers, tasks, labels, start)
        guard !grouped else {
            (self.taskOf, self.workerOf, self.labelOf) = (taskOf, workerOf, labelOf)
            return
        }
        var next = start, sortedTask = taskOf, sortedWorker = workerOf, sortedLabel = labelOf
        for a in taskOf.indices {
            let slot = next[taskOf[a]]
            next[taskOf[a]] += 1
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
}
