import JuryCanvas

/// Keys as data: the one command table and one binding table per screen. The footer, the help
/// overlay and the key reference (README.md) are all generated from these.
public enum WorkstationKeys {
    /// All commands with their summaries and help groups, in help order.
    public static let commands = CommandTable(summaries.map { Command(id: $0.0.id, summary: $0.1, group: $0.2) })

    private static let summaries: [(WorkstationCommand, String, String)] = [
        (.open, "Open task", "Queue"), (.claimNext, "Claim next", "Queue"), (.sort, "Sort order", "Queue"),
        (.filterFlow, "Filter by flow", "Queue"), (.search, "Search and filter…", "Queue"), (.history, "Your verdicts today", "Queue"),
        (.refresh, "Refresh", "Queue"), (.changeVerdict, "Change or withdraw a verdict you gave…", "Queue"),
        (.applySearch, "Apply the search", "Search"), (.clearSearch, "Clear the search", "Search"),
        (.approve, "Approve as is", "Verdict"), (.edit, "Edit value", "Verdict"), (.missing, "Mark missing", "Verdict"),
        (.addKey, "Add a key the model missed…", "Verdict"),
        (.toggleLabel, "Toggle label", "Verdict"), (.choose, "Choose category", "Verdict"),
        (.chooseSelected, "Choose selected", "Verdict"), (.revert, "Revert to model", "Verdict"),
        (.revertAll, "Revert all to the model…", "Verdict"),
        (.comment, "Comment", "Verdict"), (.submit, "Submit…", "Verdict"), (.skip, "Skip (release)", "Verdict"),
        (.back, "Back to queue", "Verdict"), (.withdraw, "Withdraw your verdict (when changing one)…", "Verdict"),
        (.fullScreen, "Full-screen picture", "Picture"), (.zoomIn, "Zoom in", "Picture"), (.zoomOut, "Zoom out", "Picture"),
        (.panLeft, "Pan left", "Picture"), (.panRight, "Pan right", "Picture"), (.panUp, "Pan up", "Picture"),
        (.panDown, "Pan down", "Picture"), (.openOriginal, "Open the original (desktop viewer)", "Picture"),
        (.keepEdit, "Keep", "Editing"), (.cancelEdit, "Cancel", "Editing"), (.keepAndNext, "Keep, edit next", "Editing"),
        (.cursorLeft, "Cursor left", "Editing"), (.cursorRight, "Cursor right", "Editing"),
        (.cursorUp, "Line up (paragraph)", "Editing"), (.cursorDown, "Line down (paragraph)", "Editing"),
        (.lineStart, "Start of line", "Editing"), (.lineEnd, "End of line", "Editing"),
        (.wordLeft, "Word left", "Editing"), (.wordRight, "Word right", "Editing"),
        (.deleteBack, "Delete before", "Editing"), (.deleteForward, "Delete after", "Editing"),
        (.deleteWord, "Delete word", "Editing"), (.killToEnd, "Delete to end", "Editing"),
        (.killToStart, "Delete to start", "Editing"), (.undo, "Undo", "Editing"),
        (.confirm, "Confirm", "Dialog"), (.cancel, "Cancel", "Dialog"), (.resumeDraft, "Resume draft", "Dialog"),
        (.discardDraft, "Discard draft", "Dialog"), (.later, "Later", "Dialog"),
        (.down, "Next", "Navigation"), (.up, "Previous", "Navigation"), (.pageDown, "Page down", "Navigation"),
        (.pageUp, "Page up", "Navigation"), (.first, "First", "Navigation"), (.last, "Last", "Navigation"),
        (.scrollTextDown, "Scroll the text down", "Navigation"), (.scrollTextUp, "Scroll the text up", "Navigation"),
        (.help, "Help", "General"), (.closeHelp, "Close help", "General"), (.quit, "Quit", "General"),
    ]

    /// The binding table of `screen`; with `lead`, the queue and task screens also have
    /// `DashboardKeys.paneKey` for the lead dashboard pane (reviewers who lead no team never get it).
    public static func bindings(for screen: ScreenID, lead: Bool = false) -> KeyBindings {
        var bindings = rows(for: screen).map { KeyBindings.Binding($0.0, $0.1.id, inFooter: $0.2) }
        if lead, screen.offersDashboard, let help = bindings.firstIndex(where: { $0.command == WorkstationCommand.help.id }) {
            bindings.insert(KeyBindings.Binding(DashboardKeys.paneKey, dashboardCommand.id), at: help)
        }
        return KeyBindings(screen: lead ? "lead-\(screen.rawValue)" : screen.rawValue, bindings)
    }

    /// "KEY words" for `command`'s first key on `screen` (see `KeyBindings.hint`).
    public static func hint(_ command: WorkstationCommand, on screen: ScreenID, _ words: String) -> String {
        bindings(for: screen).hint(command.id, words)
    }

    /// The command that opens the lead dashboard pane (not a `WorkstationCommand`: leads only).
    public static let dashboardCommand = Command(id: "dashboard", summary: "Lead dashboard", group: "General")

    /// The command table; with `lead`, including `dashboardCommand`.
    public static func commands(lead: Bool) -> CommandTable {
        lead ? CommandTable(commands.commands + [dashboardCommand]) : commands
    }

    private typealias Row = (Key, WorkstationCommand, Bool)

    private static func rows(for screen: ScreenID) -> [Row] {
        switch screen {
        case .queue: queueRows + navigation + general(quitKey: "q")
        case .search: [(.enter, .applySearch, true), (.escape, .clearSearch, true)] + editRows.filter { $0.1.isEditorCommand || $0.1 == .quit }
        case .history: [(.character("r"), .refresh, true), (.character("q"), .back, true), (.escape, .back, false)]
            + navigation + general(quitKey: nil)
        case .form: verdict([(.character("e"), .edit, true), (.enter, .edit, false), (.character("m"), .missing, true),
                              (.character("n"), .addKey, false)] + pictureRows)
        case .moderation: verdict([(.character(" "), .toggleLabel, true)] + pictureRows)
        case .classification:
            verdict(digits + [(.character(" "), .chooseSelected, false), (.character("J"), .scrollTextDown, false),
                              (.character("K"), .scrollTextUp, false)] + pictureOpenRows)
        case .freeText: verdict([(.character("e"), .edit, true), (.enter, .edit, false)] + pictureOpenRows)
        case .edit: editRows
        case .prompt: [(.enter, .confirm, true), (.escape, .cancel, true)] + lineEditing + [(.ctrl("c"), .quit, false)]
        case .confirm: [(.character("y"), .confirm, true), (.enter, .confirm, false), (.character("n"), .cancel, true),
                        (.escape, .cancel, false), (.ctrl("c"), .quit, false)]
        case .draftOffer: [(.character("y"), .resumeDraft, true), (.enter, .resumeDraft, false), (.character("d"), .discardDraft, true),
                           (.character("n"), .later, true), (.escape, .later, false), (.ctrl("c"), .quit, false)]
        case .help: [(.escape, .closeHelp, true), (.character("?"), .closeHelp, false), (.character("q"), .closeHelp, false),
                     (.character("j"), .down, true), (.down, .down, false), (.character("k"), .up, true), (.up, .up, false),
                     (.ctrl("c"), .quit, false)]
        }
    }

    private static let queueRows: [Row] = [
        (.enter, .open, true), (.character("n"), .claimNext, true), (.character("o"), .sort, true),
        (.character("f"), .filterFlow, true), (.character("/"), .search, true), (.character("h"), .history, true),
        (.character("r"), .refresh, true), (.character("V"), .changeVerdict, false),
    ]

    private static let navigation: [Row] = [
        (.character("j"), .down, false), (.down, .down, false), (.character("k"), .up, false), (.up, .up, false),
        (.pageDown, .pageDown, false), (.character(" "), .pageDown, false), (.pageUp, .pageUp, false),
        (.character("g"), .first, false), (.home, .first, false), (.character("G"), .last, false), (.end, .last, false),
    ]

    /// A task screen: approve first, then the type's own keys, then the shared verdict keys.
    private static func verdict(_ own: [Row]) -> [Row] {
        let shared: [Row] = [
            (.character("s"), .submit, true), (.character("x"), .skip, true), (.character("c"), .comment, true),
            (.character("u"), .revert, true), (.character("U"), .revertAll, false), (.character("W"), .withdraw, false),
            (.character("q"), .back, true), (.escape, .back, false),
        ]
        let pageKeys = navigation.filter { $0.0 != .character(" ") }
        return [(.character("a"), .approve, true)] + own + shared + pageKeys + general(quitKey: nil)
    }

    /// Full screen and the original, on every task screen that may show a picture.
    private static let pictureOpenRows: [Row] = [(.character("f"), .fullScreen, false), (.character("o"), .openOriginal, false)]

    /// Zoom and pan too, where the picture is the point (moderation, forms); `J`/`K` stay the
    /// classification text's scroll keys.
    private static let pictureRows: [Row] = pictureOpenRows + [
        (.character("+"), .zoomIn, false), (.character("="), .zoomIn, false), (.character("-"), .zoomOut, false),
        (.character("H"), .panLeft, false), (.character("L"), .panRight, false), (.character("K"), .panUp, false),
        (.character("J"), .panDown, false),
    ]

    private static let digits: [Row] = (1...9).map { (.character(Character(String($0))), .choose, $0 == 1) }

    private static func general(quitKey: Character?) -> [Row] {
        [(.character("?"), .help, true)] + (quitKey.map { [(.character($0), .quit, true)] } ?? []) + [(.ctrl("c"), .quit, false)]
    }

    private static let editRows: [Row] = [
        (.enter, .keepEdit, true), (.escape, .cancelEdit, true), (.tab, .keepAndNext, true),
        (.up, .cursorUp, false), (.ctrl("p"), .cursorUp, false), (.down, .cursorDown, false), (.ctrl("n"), .cursorDown, false),
    ] + lineEditing + [(.ctrl("c"), .quit, false)]

    /// The line editor's own keys (one line: no up and down).
    private static let lineEditing: [Row] = [
        (.ctrl("z"), .undo, true), (.ctrl("_"), .undo, false),
        (.left, .cursorLeft, false), (.ctrl("b"), .cursorLeft, false), (.right, .cursorRight, false), (.ctrl("f"), .cursorRight, false),
        (.home, .lineStart, false), (.ctrl("a"), .lineStart, false), (.end, .lineEnd, false), (.ctrl("e"), .lineEnd, false),
        (.alt("b"), .wordLeft, false), (.alt("f"), .wordRight, false), (.backspace, .deleteBack, false), (.ctrl("h"), .deleteBack, false),
        (.delete, .deleteForward, false), (.ctrl("d"), .deleteForward, false), (.ctrl("w"), .deleteWord, false),
        (.ctrl("k"), .killToEnd, false), (.ctrl("u"), .killToStart, false),
    ]
}
