/// One screen's key table: an ordered list of key -> command bindings.
///
/// Order matters: footer hints are shown in binding order. Several keys may run one command
/// (`j` and `down`); only the first key of a command is shown in the footer. A key bound twice is
/// a mistake that `duplicates()` reports (a test per screen checks it is empty).
public struct KeyBindings: Hashable, Sendable {
    public struct Binding: Hashable, Sendable {
        public var key: Key
        public var command: CommandID
        /// Whether the footer may show this binding.
        public var inFooter: Bool

        public init(_ key: Key, _ command: CommandID, inFooter: Bool = true) {
            self.key = key
            self.command = command
            self.inFooter = inFooter
        }
    }

    /// A key bound to more than one command (or bound twice to one).
    public struct Duplicate: Hashable, Sendable, CustomStringConvertible {
        public var screen: String
        public var key: Key
        public var commands: [CommandID]
        public var description: String {
            "\(screen): \(key.name) is bound to \(commands.map(\.rawValue).joined(separator: ", "))"
        }
    }

    public var screen: String
    public var bindings: [Binding]

    public init(screen: String, _ bindings: [Binding]) {
        self.screen = screen
        self.bindings = bindings
    }

    /// The command bound to `key` (the first binding, if duplicated).
    public func command(for key: Key) -> CommandID? {
        bindings.first { $0.key == key }?.command
    }

    /// Keys bound to `command`, in table order.
    public func keys(for command: CommandID) -> [Key] {
        bindings.filter { $0.command == command }.map(\.key)
    }

    /// "KEY words" with the first key bound to `command` ("y submits"), for the hints a view writes in
    /// its text, so they follow the table; `words` alone when nothing is bound to it.
    public func hint(_ command: CommandID, _ words: String) -> String {
        keys(for: command).first.map { "\($0.name) \(words)" } ?? words
    }

    /// Every key bound more than once, in table order of first appearance.
    public func duplicates() -> [Duplicate] {
        var seen: [Key] = []
        for b in bindings where !seen.contains(b.key) { seen.append(b.key) }
        return seen.compactMap { key in
            let commands = bindings.filter { $0.key == key }.map(\.command)
            return commands.count > 1 ? Duplicate(screen: screen, key: key, commands: commands) : nil
        }
    }

    /// Bound command ids that `table` does not define.
    public func unknownCommands(in table: CommandTable) -> [CommandID] {
        bindings.map(\.command).filter { table[$0] == nil }
    }
}
