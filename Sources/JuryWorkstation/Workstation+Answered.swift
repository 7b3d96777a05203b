import JuryCore
import JuryCanvas

/// Changing or taking back a verdict the reviewer gave, while its loop is still InProgress. Self-contained:
/// any screen that lists loops the reviewer answered can start it with `openAnswered(_:)`.
extension WorkstationState {
    /// Asks for the loop, offering the latest one answered in this session.
    mutating func askForAnsweredLoop() -> [Effect] {
        message = nil
        prompt = Prompt(.answeredLoop, text: answeredLoops.first ?? "")
        return []
    }

    /// Reads the reviewer's verdict on `loop` and the loop's content; no claim is taken.
    mutating func openAnswered(_ loop: String) -> [Effect] {
        guard !loop.isEmpty else {
            message = StatusMessage("No loop named: type the name of a loop you answered", .warning)
            return []
        }
        guard task == nil else {
            message = StatusMessage("Close \(task!.claim.loopName) first", .warning)
            return []
        }
        message = StatusMessage("Opening your verdict on \(loop)…")
        return [.openAnswered(loop)]
    }

    /// Opens the task screen on the reviewer's verdict as given; submitting amends it.
    mutating func answeredLoaded(_ content: TaskContent, _ verdicts: LoopVerdicts) -> [Effect] {
        guard task == nil, let given = verdicts.verdicts.first(where: { $0.reviewer == reviewer }) else { return [] }
        guard verdicts.status == .inProgress else {
            message = StatusMessage("\(verdicts.loopName) is \(verdicts.status.rawValue): a verdict can be changed only while its loop is InProgress",
                                    .warning)
            return []
        }
        let claim = ClaimedTask(loopName: content.loopName, flow: content.flow.name, taskType: content.flow.taskType, reviewer: reviewer,
                                claimedAt: given.submittedAt, expiresAt: content.deadline, resumed: true)
        var opened = TaskState(content: content, claim: claim)
        opened.verdict = Verdict(given: given.answer, for: content)
        opened.content = content.withAddedKeys(opened.verdict.addedKeys)
        opened.amends = given
        opened.verdictAsGiven = opened.verdict
        task = opened
        let keys = [WorkstationKeys.hint(.submit, on: ScreenID(content.body), "amends it"),
                    WorkstationKeys.hint(.withdraw, on: ScreenID(content.body), "withdraws it")]
        message = StatusMessage("Your verdict as you gave it at \(Format.clock(milliseconds: given.submittedAt)): " + keys.joined(separator: ", "))
        return []
    }

    /// Asks before dropping changes made to a verdict given; without any, leaves at once.
    mutating func askToLeaveAmending() -> [Effect] {
        guard let task, task.verdict != task.verdictAsGiven else { return leaveAmending() }
        overlay = .confirm(.leaveAmending)
        return []
    }

    /// Leaves a verdict given unchanged and goes back to the queue.
    mutating func leaveAmending() -> [Effect] {
        guard let loop = task?.claim.loopName else { return [] }
        message = StatusMessage("Your verdict on \(loop) stays as it was")
        closeTask()
        return [refreshQueue()]
    }

    /// Asks before taking back the verdict given (only while changing one).
    mutating func askToWithdraw() -> [Effect] {
        guard task?.amends != nil else {
            message = StatusMessage("Nothing to withdraw here: press \(WorkstationKeys.hint(.changeVerdict, on: .queue, "on the queue to open a verdict you gave"))",
                                    .warning)
            return []
        }
        overlay = .confirm(.withdraw)
        return []
    }

    mutating func amended(_ receipt: VerdictReceipt) -> [Effect] {
        let state = receipt.status == .completed ? "the loop completed" : "\(receipt.verdicts) of \(receipt.taskCount) verdicts"
        message = StatusMessage("Amended your verdict on \(receipt.loopName): \(state)", .success)
        if task?.claim.loopName == receipt.loopName { closeTask() }
        return [refreshQueue(), .loadDay]
    }

    mutating func withdrawn(_ loop: String) -> [Effect] {
        message = StatusMessage("Withdrew your verdict on \(loop): its slot is open again", .success)
        answeredLoops.removeAll { $0 == loop }
        if task?.claim.loopName == loop { closeTask() }
        return [refreshQueue(), .loadDay]
    }

    /// Notes a loop answered in this session (latest first, the last `answeredKept`).
    mutating func noteAnswered(_ loop: String) {
        answeredLoops = Array(([loop] + answeredLoops.filter { $0 != loop }).prefix(Self.answeredKept))
    }

    /// How many loops answered in this session the workstation remembers.
    static let answeredKept = 20
}
