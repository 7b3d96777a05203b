/// `answers` grouped by task: tasks in order of first appearance, each task's answers in
/// input order.
func groupedByTask<T>(_ answers: [T], task: (T) -> String) -> [(task: String, answers: [T])] {
    var order: [String] = [], byTask: [String: [T]] = [:]
    for answer in answers {
        let key = task(answer)
        if byTask[key] == nil { order.append(key) }
        byTask[key, default: []].append(answer)
    }
    return order.map { ($0, byTask[$0]!) }
}
