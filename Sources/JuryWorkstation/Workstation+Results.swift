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
        now = max(now, claim.claimedAt)
        queue.heldLoop = claim.loopName
        pendingDrafts.removeAll { $0.loopName == claim.loopName }
        if let draft {
            task.verdict = draft.verdict
            task.content = content.withAddedKeys(draft.verdict.addedKeys)
            task.editing = draft.editing.map { Editing(target: $0.target, editor: LineEditor(text: $0.text)) }
            message = StatusMessage("Draft restored (saved \(Format.clock(milliseconds: draft.savedAt))): "
                + "\(draft.verdict.changeCount) change\(draft.verdict.changeCount == 1 ? "" : "s")", .success)
        }
        if overlay == .draftOffer { overlay = nil }
        self.task = task
        if case .field(let id) = task.editing?.target, case .form(let form) = task.content.body,
           let index = form.fields.firstIndex(where: { $0.id == id }) {
            scrollTask(by: index)
        } else if case .paragraph(let index) = task.editing?.target {
            scrollTask(by: index)
        }
        let earlier: [Effect] = dashboard == nil ? [] : [.loadEarlierVerdicts(claim.loopName)]
        return earlier + (advances ? [.prefetch(flow: queue.flow, order: queue.order, skipping: skipped + [claim.loopName], filter: queue.filter)] : [])
    }

    /// Notes the skip (the next claims pass the loop over), then opens the next task or the queue.
    mutating func released(_ loop: String) -> [Effect] {
        message = StatusMessage("Skipped \(loop): it is back in the queue")
        skipped.removeAll { $0 == loop }
        skipped = Array((skipped + [loop]).suffix(Self.skippedKept))
        closeTask(loop)
        return [.deleteDraft(loop), next()]
    }

    /// How many skipped loops the next claims pass over (the latest ones).
    static let skippedKept = 50

    mutating func submitted(_ receipt: VerdictReceipt) -> [Effect] {
        let state = receipt.status == .completed ? "completed" : "\(receipt.verdicts) of \(receipt.taskCount) verdicts"
        let output = receipt.output == nil ? "" : "; output written"
        message = StatusMessage("Submitted \(receipt.loopName): \(state)\(output)", .success)
        noteAnswered(receipt.loopName)
        closeTask(receipt.loopName)
        return [.deleteDraft(receipt.loopName), next(), .loadDay]
    }

    /// Closes `loop`'s task screen if it is open, and forgets the queue page's mark of the claim (gone now).
    private mutating func closeTask(_ loop: String) {
        if task?.claim.loopName == loop { closeTask() }
        queue.entries.removeAll { $0.loopName == loop && $0.leaseExpiresAt != nil }
        if queue.heldLoop == loop { queue.heldLoop = nil }
        queue.scroll = queue.scroll.clamped(count: queue.entries.count, visible: QueueLayout.pageSize(for: size))
    }

    /// After a verdict or a skip: the next claim when the workstation advances and no box is up, else
    /// the queue page.
    private mutating func next() -> Effect {
        advances && task == nil && overlay == nil ? claimNext : refreshQueue()
    }
}
