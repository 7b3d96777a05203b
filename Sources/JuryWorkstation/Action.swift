import JuryCore
import JuryJSON
import JuryCanvas
import JuryMedia

/// Everything that can change the state: input, time, and the results of effects.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(Size)
    /// The clock, ms since 1970 (sent about once a second).
    case tick(Int64)
    case queueLoaded(QueueRequest, [QueueEntry])
    case draftsFound([Draft])
    /// A claim succeeded (nil: nothing left to claim).
    case claimed(ClaimedTask?)
    /// The claimed loop's content, and its draft when there is one.
    case taskLoaded(TaskContent, ClaimedTask, Draft?)
    case released(String)
    case submitted(VerdictReceipt)
    case dayLoaded(ReviewerDay)
    /// A loop the reviewer answered, with their verdict on it (to amend or withdraw).
    case answeredLoaded(TaskContent, LoopVerdicts)
    /// The reviewer's verdict was replaced.
    case amended(VerdictReceipt)
    /// The reviewer's verdict on the loop was taken back.
    case withdrawn(String)
    /// For a lead: a loop's verdicts, shown beside the model's while the loop waits for a lead.
    case earlierVerdictsLoaded(LoopVerdicts)
    case historyLoaded(ReviewerHistory)
    /// A mouse press, release or wheel turn (where the terminal reports them).
    case mouse(MouseEvent)
    /// A picture is ready (or a placeholder saying why not).
    case pictureLoaded(PictureRequest, MediaPicture)
    /// What opening the original outside the terminal did, in words.
    case originalOpened(String)
    /// An effect failed; the text says what and why.
    case failed(String)
    /// For the lead dashboard pane.
    case dashboard(DashboardAction)
}

/// What the update asks the runtime to do. Values: tests compare them; only the runtime performs them.
public enum Effect: Equatable, Sendable {
    /// Claim the next task (of a flow, in an order), passing over the loops in `skipping` unless only
    /// they are left; with `filter`, the next the filter matches (or the reviewer's held claim).
    case claim(flow: String?, order: ClaimOrder, skipping: [String], filter: QueueFilter? = nil)
    /// Claim the named loop (or resume the reviewer's claim on it).
    case claimLoop(String)
    /// Load a claimed loop's content (the one fetched ahead when it is this loop's) and draft.
    case loadTask(ClaimedTask)
    /// Fetch ahead the content of the loop the next claim would take (passing over `skipping`, kept to
    /// `filter`), so the next task opens without waiting for it.
    case prefetch(flow: String?, order: ClaimOrder, skipping: [String], filter: QueueFilter? = nil)
    case release(String)
    case submit(loop: String, answer: JSONValue)
    /// Read the reviewer's own verdict on a loop and the loop's content (no claim is taken).
    case openAnswered(String)
    /// Replace the reviewer's own verdict on a loop that is still InProgress.
    case amend(loop: String, answer: JSONValue)
    /// Take back the reviewer's own verdict on a loop that is still InProgress.
    case withdraw(String)
    /// For a lead: read a loop's verdicts (best effort: nothing is shown when they cannot be read).
    case loadEarlierVerdicts(String)
    case saveDraft(Draft)
    case deleteDraft(String)
    /// Take the inbox into the ledger, then load one page of the queue.
    case refreshQueue(QueueRequest)
    case loadDrafts
    case loadDay
    /// Load the reviewer's verdicts since the start of their day (`WorkstationEffects.historyLimit` at most).
    case loadHistory
    /// Read, decode and draw a picture (off the key loop, cached, with a timeout).
    case loadPicture(PictureRequest)
    /// Draw pictures likely wanted next into the cache (no result; the neighbours of a zoomed field).
    case drawAhead([PictureRequest])
    /// Open the loop's media in the desktop viewer (`xdg-open`), where there is one.
    case openOriginal(String)
    /// The lead dashboard pane's effect.
    case dashboard(DashboardEffect)
    case quit
}

/// One page of the queue.
public struct QueueRequest: Equatable, Sendable {
    public var flow: String?
    public var order: ClaimOrder
    /// Entries wanted: the page size plus one (to know whether more follow).
    public var limit: Int
    /// Where the page starts: after this open entry; nil for the first page.
    public var after: QueuePosition?
    /// The search in force; nil for the whole queue.
    public var filter: QueueFilter?
}
