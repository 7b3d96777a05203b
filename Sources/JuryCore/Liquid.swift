import Foundation

/// A Liquid template, parsed: the subset A2I worker templates use.
///
/// Output tags `{{ task.input.a.b[0] | filter }}` with the filters `skip_autoescape`, `to_json`,
/// `grant_read_access`, `escape` and `default`; the tags `if`/`elsif`/`else`/`unless`, `for` (over an
/// array, with `forloop`), `capture`, `assign`, `comment` and `raw`; `{%-`/`-%}` trim white space. Anything
/// else (another tag or filter, a range, loop options) is listed in `problems` and renders as nothing, or,
/// for an unknown filter, leaves its value unchanged. Pure: rendering reads only the variables given.
public struct LiquidTemplate: Sendable, Equatable {
    indirect enum Node: Sendable, Equatable {
        case text(String)
        case output(LiquidExpression)
        /// `if`/`elsif` branches in order, then the `else` nodes.
        case branches([LiquidBranch], otherwise: [Node])
        case loop(variable: String, collection: LiquidExpression, body: [Node])
        case capture(variable: String, body: [Node])
        case assign(variable: String, value: LiquidExpression)
    }

    let nodes: [Node]
    /// What the template uses that Jury does not evaluate, each named once, in template order.
    public let problems: [String]

    /// Parses `source`; never fails: what cannot be parsed is named in `problems`.
    public init(parsing source: String) {
        var parser = LiquidParser(segments: LiquidSegment.split(source))
        nodes = parser.parseBlock(until: [])
        var seen = Set<String>()
        problems = parser.problems.filter { seen.insert($0).inserted }
    }

    /// The text of the template's literal parts that lie inside `{% for %}` loops, joined.
    public var textInsideLoops: String { Self.loopText(nodes, inLoop: false) }

    private static func loopText(_ nodes: [Node], inLoop: Bool) -> String {
        nodes.map { node -> String in
            switch node {
            case .text(let text): inLoop ? text : ""
            case .loop(_, _, let body): loopText(body, inLoop: true)
            case .branches(let branches, let otherwise): (branches.map(\.body) + [otherwise]).map { loopText($0, inLoop: inLoop) }.joined()
            case .capture(_, let body): loopText(body, inLoop: inLoop)
            case .output, .assign: ""
            }
        }.joined()
    }
}

/// One piece of a template's source: literal text, an output tag or a tag, with its trimming marks.
struct LiquidSegment {
    enum Kind { case text, output, tag }

    var kind: Kind
    var content: String
    var trimsBefore = false
    var trimsAfter = false

    /// The source cut at `{{ }}` and `{% %}`; an unclosed tag is kept as text. `{%-`/`-%}` and `{{-`/`-}}`
    /// trim the white space of the neighbouring text.
    static func split(_ source: String) -> [LiquidSegment] {
        var segments: [LiquidSegment] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: try! Regex(#"\{[{%]"#)) {
            let isOutput = rest[open].hasPrefix("{{")
            guard let close = rest[open.upperBound...].range(of: isOutput ? "}}" : "%}") else { break }
            segments.append(LiquidSegment(kind: .text, content: String(rest[..<open.lowerBound])))
            var inner = rest[open.upperBound..<close.lowerBound]
            var segment = LiquidSegment(kind: isOutput ? .output : .tag, content: "")
            if inner.hasPrefix("-") { segment.trimsBefore = true; inner = inner.dropFirst() }
            if inner.hasSuffix("-") { segment.trimsAfter = true; inner = inner.dropLast() }
            segment.content = inner.trimmingCharacters(in: .whitespacesAndNewlines)
            segments.append(segment)
            rest = rest[close.upperBound...]
        }
        segments.append(LiquidSegment(kind: .text, content: String(rest)))
        return trimmed(segments)
    }

    private static func trimmed(_ segments: [LiquidSegment]) -> [LiquidSegment] {
        var result = segments
        for index in result.indices where result[index].kind == .text {
            if index > 0, result[index - 1].trimsAfter { result[index].content = String(result[index].content.drop(while: \.isWhitespace)) }
            if index + 1 < result.count, result[index + 1].trimsBefore {
                result[index].content = String(result[index].content.reversed().drop(while: \.isWhitespace).reversed())
            }
        }
        return result
    }
}


/// One `if`/`elsif` condition and the nodes it guards.
struct LiquidBranch: Sendable, Equatable {
    var condition: LiquidCondition
    var body: [LiquidTemplate.Node]
}
