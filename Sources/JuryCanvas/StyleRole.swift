/// What a piece of text *means* on screen. Views name roles, never colours; a `Theme` maps each
/// role to colours and attributes, resolved to the terminal's capability.
///
/// The raw value is the name used in theme files (`selection`, `lowConfidence`, …).
public enum StyleRole: String, CaseIterable, Hashable, Sendable, Codable {
    case normal
    case dim
    case title
    case header
    case border
    case selection
    case focus
    case cursor
    case keyHint
    case statusBar
    case lowConfidence
    case mediumConfidence
    case highConfidence
    case activationMarked
    case disagreement
    case verdictApproved
    case verdictEdited
    case verdictMissing
    case warning
    case error
    case success
    case barFilled
    case barEmpty
    case placeholder
    case scrollIndicator

    /// One ASCII character per role for the style dump of golden tests (see `Canvas.roleDump()`).
    public var dumpCode: Character {
        Self.codes[self] ?? "?"
    }

    private static let codes: [StyleRole: Character] = [
        .normal: ".", .dim: "d", .title: "T", .header: "H", .border: "#", .selection: "S",
        .focus: "F", .cursor: "C", .keyHint: "K", .statusBar: "s", .lowConfidence: "L",
        .mediumConfidence: "M", .highConfidence: "G", .activationMarked: "A", .disagreement: "D",
        .verdictApproved: "a", .verdictEdited: "e", .verdictMissing: "m", .warning: "W",
        .error: "E", .success: "k", .barFilled: "=", .barEmpty: "-", .placeholder: "P",
        .scrollIndicator: "^",
    ]
}
