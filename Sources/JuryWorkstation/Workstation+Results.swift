import JuryCore
import JuryCanvas

extension WorkstationState {
    mutating func draftsFound(_ drafts: [Draft]) -> [Effect] {
        pendingDrafts = drafts.filter { $0.loopName != task?.claim.loopName }
        if overlay == nil, task == nil, !pendingDrafts.isEmpty { overlay = .draftOffer }
        return []
    }

    mutating func taskLoaded(_ content: TaskContent, _ claim: ClaimedTask, _ draft: Draft?) -> [Effect] {
        var task = TaskState(content: content, claim: claim)
        pendingDrafts.removeAll { $0.loopName == claim.loopName }
        if let draft {
            task.verdict = draft.verdict
            task.editing = draft.editing.map { Editing(target: $0.target, editor: LineEditor(text: $0.text)) }
            message = StatusMessage("Draft restored (saved \(Format.clock(milliseconds: draft.savedAt))): "
                + "\(draft.verdict.changeCount) change\(draft.verdict.changeCount == 1 ? "" : "s")", .success)
        }
        if overlay == .draftOffer { overlay = nil }
        self.task = task
        if case .field(let id) = task.editing?.target, case .form(let form) = content.body,
           let index = form.fields.firstIndex(where: { $0.id == id }) {
            scrollTask(by: index)
        } else if case .paragraph(let index) = task.editing?.target {
            scrollTask(by: index)
        }
        return []
    }

    mutating func released(_ loop: String) -> [Effect] {
        message = StatusMessage("Skipped \(loop): it is back in the queue")
        if task?.claim.loopName == loop { closeTask() }
        return [.deleteDraft(loop), refreshQueue()]
    }

    mutating func submitted(_ receipt: VerdictReceipt) -> [Effect] {
        let state = receipt.status == .completed ? "completed" : "\(receipt.verdicts) of \(receipt.taskCount) verdicts"
        let output = receipt.output == nil ? "" : "; output written"
        message = StatusMessage("Submitted \(receipt.loopName): \(state)\(output)", .success)
        if task?.claim.loopName == receipt.loopName { closeTask() }
        return [.deleteDraft(receipt.loopName), refreshQueue(), .loadDay]
    }
}
