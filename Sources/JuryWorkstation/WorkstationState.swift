import JuryCore
import JuryCanvas

/// Everything the workstation shows, as a value. `Workstation.update` changes it; views draw it.
public struct WorkstationState: Equatable, Sendable {
    public var reviewer: String
    public var size: Size
    /// The clock as of the last tick, ms since 1970 (countdowns are computed from it).
    public var now: Int64
    /// The flows this reviewer may claim, for the filter key and confidence thresholds.
    public var flows: [FlowSummary]
    public var queue: QueueState
    public var task: TaskState?
    public var overlay: Overlay?
    /// A one-line question in the status row, over the screen beneath (its key table applies while open).
    public var prompt: Prompt?
    /// Loops this reviewer gave a verdict on in this session, latest first (what the answered-loop prompt offers).
    public var answeredLoops: [String] = []
    /// Drafts still to offer (the first is on screen while `overlay` is `.draftOffer`).
    public var pendingDrafts: [Draft] = []
    public var day: ReviewerDay?
    /// The history screen (the reviewer's verdicts today) while it is open.
    public var history: HistoryState?
    /// The lead dashboard pane: set for leads only (nil for other reviewers, who get no key for it).
    public var dashboard: DashboardState?
    /// Whether the pane is shown (over the queue or task screen).
    public var showsDashboard = false
    public var message: StatusMessage?
    public var isQuitting = false
    /// Whether a verdict or a skip claims the next task at once (`jury review --no-advance` turns it off).
    public var advances = true
    /// Loops skipped this session, oldest first: claiming the next task passes them over while others wait.
    public var skipped: [String] = []

    public init(reviewer: String, size: Size, now: Int64, flows: [FlowSummary], flow: String? = nil, order: ClaimOrder = .oldestFirst) {
        self.reviewer = reviewer
        self.size = size
        self.now = now
        self.flows = flows
        queue = QueueState(flow: flow, order: order)
    }

    /// The smallest terminal the workstation lays out for; smaller shows `TooSmallView`.
    public static let minimumSize = Size(rows: 16, columns: 60)

    /// Which key table applies now.
    public var screen: ScreenID {
        switch overlay {
        case .help: return .help
        case .confirm: return .confirm
        case .draftOffer: return .draftOffer
        case nil: break
        }
        if prompt != nil { return .prompt }
        guard let task else {
            if queue.search != nil { return .search }
            return history == nil ? .queue : .history
        }
        if task.editing != nil { return .edit }
        return ScreenID(task.content.body)
    }
}

/// The queue screen: one page of claimable loops (the reviewer's own claims first).
public struct QueueState: Equatable, Sendable {
    public var entries: [QueueEntry] = []
    /// True when the ledger has more loops after this page.
    public var hasMore = false
    /// Where this page starts (after the previous page's last open entry; nil for the first
    /// page), and where each page before it started.
    public var after: QueuePosition?
    public var previousPages: [QueuePosition?] = []
    public var scroll = ScrollState(top: 0, selected: 0)
    public var flow: String?
    public var order: ClaimOrder
    /// When a page last arrived (ms); nil before the first one did.
    public var loadedAt: Int64?
    /// When a page was last asked for (ms). Ticks reload the page `Workstation.refreshInterval` after
    /// the later of this and `loadedAt`, so a load that failed is asked for again.
    public var requestedAt: Int64?
    /// Where the selection goes when the requested page arrives.
    public var selectLastOnLoad = false
    /// The loop whose claim the reviewer holds (at most one), as last seen: a page filtered to another
    /// flow does not list it, so it is kept apart from `entries`.
    public var heldLoop: String?
    /// The search in force (`/`); nil shows the whole queue.
    public var filter: QueueFilter?
    /// The search prompt's editor while it is open.
    public var search: LineEditor?

    public init(flow: String?, order: ClaimOrder) {
        self.flow = flow
        self.order = order
    }

    public var selectedEntry: QueueEntry? { scroll.selected.flatMap { entries.indices.contains($0) ? entries[$0] : nil } }
}

/// The history screen: the reviewer's verdicts today, newest first.
public struct HistoryState: Equatable, Sendable {
    /// Nil until the first answer arrives.
    public var history: ReviewerHistory?
    public var scroll = ScrollState(top: 0, selected: 0)

    public init() {}

    public var entries: [HistoryEntry] { history?.entries ?? [] }
}

/// The task screen: a claimed loop, its content and the verdict being made.
public struct TaskState: Equatable, Sendable {
    public var content: TaskContent
    public var claim: ClaimedTask
    public var verdict = Verdict()
    /// `selected` is the item (field, label, category, paragraph); `top` the first visible row or line.
    public var scroll = ScrollState(top: 0, selected: 0)
    /// First visible line of the item's text (classification), scrolled apart from the list.
    public var textTop = 0
    public var editing: Editing?
    /// The image or page, the zoomed field, and how they are framed.
    public var pictures = TaskPictures()
    /// Set when the screen changes a verdict the reviewer gave earlier: submitting amends it. No claim is
    /// held then: `claim` stands for the verdict (claimed at its submission, ending with the loop's lifetime).
    public var amends: GivenVerdict?
    /// The screen's reading of `amends` as it opened: leaving with `verdict` changed from it asks first.
    public var verdictAsGiven: Verdict?

    public init(content: TaskContent, claim: ClaimedTask) {
        self.content = content
        self.claim = claim
    }
}

/// A line editor open on one part of the verdict.
public struct Editing: Equatable, Sendable {
    public var target: EditTarget
    public var editor: LineEditor
}

/// What a line editor edits.
public enum EditTarget: Codable, Equatable, Sendable {
    case field(String)
    case paragraph(Int)
    case comment
}

/// A box over the screen.
public enum Overlay: Equatable, Sendable {
    case help(ScrollState)
    case confirm(ConfirmKind)
    case draftOffer
}

/// What the confirm box confirms.
public enum ConfirmKind: Equatable, Sendable {
    /// Submit the verdict as shown in the summary.
    case submit
    /// Approve the model's answer as is, dropping the changes made.
    case approve
    /// Skip the task (release the claim), dropping the changes made.
    case skip
    /// Quit while holding the claim on this loop (the lease runs on; the loop returns when it ends).
    case quit(String)
    /// Put every field and label back to the model's answer, dropping the changes made.
    case revertAll
    /// Take back the verdict given earlier on the open loop.
    case withdraw
    /// Leave the verdict given earlier as it was, dropping the changes made to it on the screen.
    case leaveAmending
}

/// A one-line question answered in the status row.
public struct Prompt: Equatable, Sendable {
    public var kind: PromptKind
    public var editor: LineEditor

    public init(_ kind: PromptKind, text: String = "") {
        self.kind = kind
        editor = LineEditor(text: text)
    }
}

/// What a prompt asks for.
public enum PromptKind: Equatable, Sendable {
    /// The text of a form key the model missed.
    case newKey
    /// The value of the new form key `key`.
    case newValue(key: String)
    /// The name of a loop the reviewer answered, to change or withdraw that verdict.
    case answeredLoop
}

/// The status line's message.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var kind: Kind

    public enum Kind: Equatable, Sendable { case info, success, warning, error }

    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// The key tables: one per screen, plus the modal ones.
public enum ScreenID: String, CaseIterable, Sendable {
    case queue, search, history, form, moderation, classification, freeText, edit, prompt, confirm, draftOffer, help

    init(_ body: TaskContent.Body) {
        switch body {
        case .form: self = .form
        case .moderation: self = .moderation
        case .classification: self = .classification
        case .freeText: self = .freeText
        }
    }

    /// Whether a lead may open the dashboard pane from this screen (not while editing or in a box).
    var offersDashboard: Bool {
        switch self {
        case .queue, .history, .form, .moderation, .classification, .freeText: true
        case .search, .edit, .prompt, .confirm, .draftOffer, .help: false
        }
    }

    /// The title used in help and the key reference.
    public var title: String {
        switch self {
        case .queue: "Queue"
        case .search: "Searching the queue"
        case .history: "Your verdicts today"
        case .form: "Task: document form"
        case .moderation: "Task: image moderation"
        case .classification: "Task: classification"
        case .freeText: "Task: free text"
        case .edit: "Editing a value"
        case .prompt: "Answering a prompt"
        case .confirm: "Confirm submit"
        case .draftOffer: "Unsent draft"
        case .help: "Help"
        }
    }
}
