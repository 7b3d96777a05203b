import JuryJSON

/// A Liquid value with its filters: `task.input.labels | to_json | escape`.
struct LiquidExpression: Sendable, Equatable {
    enum Operand: Sendable, Equatable {
        case literal(JSONValue)
        /// A variable path: `task`, `input`, `0`, `name` for `task.input[0].name` (`size`, `first` and
        /// `last` of an array are read as Liquid reads them).
        case variable([PathSegment])
    }

    enum PathSegment: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    struct Filter: Sendable, Equatable {
        var name: String
        var arguments: [Operand]

        /// The filters A2I templates use, which Jury evaluates.
        static let supported: Set<String> = ["skip_autoescape", "to_json", "grant_read_access", "escape", "default"]
    }

    var operand: Operand
    var filters: [Filter]

    /// Parses `value | filter | filter: argument, argument`.
    /// - Throws: `LiquidSyntaxError` naming what could not be read.
    init(parsing text: String) throws(LiquidSyntaxError) {
        var tokens = LiquidTokens(text)
        operand = try tokens.operand()
        filters = []
        while tokens.skip("|") {
            guard case .word(let name)? = tokens.next() else { throw LiquidSyntaxError("a filter name must follow |") }
            var arguments: [Operand] = []
            if tokens.skip(":") {
                repeat { arguments.append(try tokens.operand()) } while tokens.skip(",")
            }
            filters.append(Filter(name: name, arguments: arguments))
        }
        guard tokens.isAtEnd else { throw LiquidSyntaxError("unexpected \(tokens.rest)") }
    }
}

/// An `if` condition: comparisons joined by `and`/`or`, read right to left as Liquid does.
struct LiquidCondition: Sendable, Equatable {
    struct Comparison: Sendable, Equatable {
        var left: LiquidExpression.Operand
        /// `==`, `!=`, `<`, `>`, `<=`, `>=`, `contains`; nil for a truth test.
        var relation: String?
        var right: LiquidExpression.Operand?
    }

    /// A comparison with the word joining it to the one before (`and`, `or`; nil for the first).
    struct Term: Sendable, Equatable {
        var join: String?
        var comparison: Comparison
    }

    var terms: [Term]
    var negated: Bool

    /// A condition that never holds (one that could not be read).
    static let never = LiquidCondition(terms: [Term(join: nil, comparison: Comparison(left: .literal(.bool(false))))], negated: false)

    init(terms: [Term], negated: Bool) {
        self.terms = terms
        self.negated = negated
    }

    /// - Throws: `LiquidSyntaxError` naming what could not be read.
    init(parsing text: String, negated: Bool) throws(LiquidSyntaxError) {
        var tokens = LiquidTokens(text)
        var terms: [Term] = []
        var join: String?
        repeat {
            var comparison = Comparison(left: try tokens.operand())
            if case .relation(let relation)? = tokens.peek() {
                _ = tokens.next()
                comparison.relation = relation
                comparison.right = try tokens.operand()
            }
            terms.append(Term(join: join, comparison: comparison))
            join = tokens.nextJoin()
        } while join != nil
        guard tokens.isAtEnd else { throw LiquidSyntaxError("unexpected \(tokens.rest)") }
        self.init(terms: terms, negated: negated)
    }
}

extension LiquidCondition.Comparison {
    init(left: LiquidExpression.Operand) { self.init(left: left, relation: nil, right: nil) }
}

/// Why a Liquid expression could not be read.
struct LiquidSyntaxError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

/// The tokens of an expression: words, numbers, quoted strings, punctuation, relations.
struct LiquidTokens {
    enum Token: Equatable {
        case word(String)
        case number(String)
        case string(String)
        case symbol(Character)
        case relation(String)
    }

    private var tokens: [Token]
    private var position = 0

    init(_ text: String) {
        tokens = Self.scan(Array(text))
    }

    var isAtEnd: Bool { position >= tokens.count }
    var rest: String { tokens[position...].map { "\($0)" }.joined(separator: " ") }

    func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

    mutating func next() -> Token? {
        defer { position += 1 }
        return peek()
    }

    mutating func skip(_ symbol: Character) -> Bool {
        guard peek() == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    mutating func nextJoin() -> String? {
        guard case .word(let word)? = peek(), word == "and" || word == "or" else { return nil }
        position += 1
        return word
    }

    /// A literal or a variable path.
    mutating func operand() throws(LiquidSyntaxError) -> LiquidExpression.Operand {
        switch next() {
        case .string(let text): return .literal(.string(text))
        case .number(let text): return .literal(Double(text).map { JSONValue.number($0) } ?? .null)
        case .word("true"): return .literal(.bool(true))
        case .word("false"): return .literal(.bool(false))
        case .word("nil"), .word("null"), .word("empty"), .word("blank"): return .literal(.null)
        case .word(let name): return .variable([.key(name)] + (try pathRest()))
        case let other: throw LiquidSyntaxError(other.map { "\($0) where a value belongs" } ?? "a value is missing")
        }
    }

    private mutating func pathRest() throws(LiquidSyntaxError) -> [LiquidExpression.PathSegment] {
        var segments: [LiquidExpression.PathSegment] = []
        while true {
            if skip(".") {
                guard case .word(let key)? = next() else { throw LiquidSyntaxError("a name must follow .") }
                segments.append(.key(key))
            } else if skip("[") {
                switch next() {
                case .number(let text): segments.append(.index(Int(text) ?? -1))
                case .string(let key): segments.append(.key(key))
                default: throw LiquidSyntaxError("only a number or a quoted name may stand in [ ]")
                }
                guard skip("]") else { throw LiquidSyntaxError("a [ is not closed") }
            } else {
                return segments
            }
        }
    }

    private static func scan(_ characters: [Character]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "\"" || character == "'" {
                let end = characters[(index + 1)...].firstIndex(of: character) ?? characters.count
                tokens.append(.string(String(characters[(index + 1)..<end])))
                index = end + 1
            } else if let relation = relation(in: characters, at: index) {
                tokens.append(.relation(relation))
                index += relation.count
            } else if character.isNumber || (character == "-" && index + 1 < characters.count && characters[index + 1].isNumber) {
                let end = characters[(index + 1)...].firstIndex { !$0.isNumber && $0 != "." } ?? characters.count
                tokens.append(.number(String(characters[index..<end])))
                index = end
            } else if character.isLetter || character == "_" {
                let end = characters[index...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "?") } ?? characters.count
                let word = String(characters[index..<end])
                tokens.append(word == "contains" ? .relation(word) : .word(word))
                index = end
            } else {
                tokens.append(.symbol(character))
                index += 1
            }
        }
        return tokens
    }

    private static func relation(in characters: [Character], at index: Int) -> String? {
        let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
        if ["==", "!=", "<=", ">=", "<>"].contains(two) { return two == "<>" ? "!=" : two }
        return ["<", ">"].contains(characters[index]) ? String(characters[index]) : nil
    }
}
