/// The identifier of a command, e.g. "approve", "help", "quit". Stable: used in key tables,
/// the help overlay and documentation.
public struct CommandID: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: CommandID, b: CommandID) -> Bool { a.rawValue < b.rawValue }
}

/// Something the user can ask for. `summary` is the short text shown in the footer and help
/// ("Approve as is"); `group` orders the help overlay ("Navigation", "Verdict", …).
public struct Command: Hashable, Sendable {
    public var id: CommandID
    public var summary: String
    public var group: String

    public init(id: CommandID, summary: String, group: String) {
        self.id = id
        self.summary = summary
        self.group = group
    }
}

/// All commands, in display order. Ids are unique (`duplicateIDs` reports any that are not).
public struct CommandTable: Hashable, Sendable {
    public var commands: [Command]

    public init(_ commands: [Command]) {
        self.commands = commands
    }

    public subscript(id: CommandID) -> Command? {
        commands.first { $0.id == id }
    }

    /// Ids used by more than one command, sorted.
    public var duplicateIDs: [CommandID] {
        Dictionary(grouping: commands, by: \.id).filter { $0.value.count > 1 }.keys.sorted()
    }

    /// Group names in order of first appearance.
    public var groups: [String] {
        commands.reduce(into: [String]()) { if !$0.contains($1.group) { $0.append($1.group) } }
    }
}
