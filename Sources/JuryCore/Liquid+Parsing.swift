import Foundation

/// Builds the node tree from segments, naming what it does not support.
struct LiquidParser {
    var segments: [LiquidSegment]
    var position = 0
    var problems: [String] = []

    init(segments: [LiquidSegment]) { self.segments = segments }

    /// Nodes up to one of the tags `ends` (left unread, so the caller sees which) or the end.
    mutating func parseBlock(until ends: Set<String>) -> [LiquidTemplate.Node] {
        var nodes: [LiquidTemplate.Node] = []
        while position < segments.count {
            let segment = segments[position]
            switch segment.kind {
            case .text:
                position += 1
                if !segment.content.isEmpty { nodes.append(.text(segment.content)) }
            case .output:
                position += 1
                if let expression = expression(segment.content) { nodes.append(.output(expression)) }
            case .tag:
                let name = Self.tagName(segment.content)
                if ends.contains(name) { return nodes }
                position += 1
                if let node = tag(name, arguments: Self.arguments(segment.content)) { nodes.append(node) }
            }
        }
        if let end = ends.first(where: { $0.hasPrefix("end") }) { problems.append("a {% \(end.dropFirst(3)) %} tag is never closed with {% \(end) %}") }
        return nodes
    }

    private mutating func tag(_ name: String, arguments: String) -> LiquidTemplate.Node? {
        switch name {
        case "if", "unless": return branches(first: arguments, negated: name == "unless", end: "end\(name)")
        case "for": return loop(arguments)
        case "capture":
            let body = parseBlock(until: ["endcapture"])
            position += 1
            return .capture(variable: arguments, body: body)
        case "assign": return assignment(arguments)
        case "comment", "raw": return verbatim(name)
        default:
            problems.append(name.hasPrefix("end") || ["else", "elsif"].contains(name)
                ? "a {% \(name) %} tag without its opening tag" : "the Liquid tag {% \(name) %} is not supported")
            return nil
        }
    }

    private mutating func branches(first: String, negated: Bool, end: String) -> LiquidTemplate.Node {
        var branches: [LiquidBranch] = []
        var condition = condition(first, negated: negated)
        while true {
            branches.append(LiquidBranch(condition: condition, body: parseBlock(until: ["elsif", "else", end])))
            guard position < segments.count else { return .branches(branches, otherwise: []) }
            let next = segments[position]
            position += 1
            switch Self.tagName(next.content) {
            case "elsif": condition = self.condition(Self.arguments(next.content), negated: false)
            case "else":
                let otherwise = parseBlock(until: [end])
                position += 1
                return .branches(branches, otherwise: otherwise)
            default: return .branches(branches, otherwise: [])
            }
        }
    }

    private mutating func loop(_ arguments: String) -> LiquidTemplate.Node? {
        let words = arguments.split(separator: " ", maxSplits: 2).map(String.init)
        let body = parseBlock(until: ["endfor"])
        position += 1
        guard words.count == 3, words[1] == "in", let collection = try? LiquidExpression(parsing: words[2]), collection.filters.isEmpty else {
            problems.append("the loop {% for \(arguments) %} is not supported (only: for NAME in VARIABLE)")
            return nil
        }
        return .loop(variable: words[0], collection: collection, body: body)
    }

    private mutating func assignment(_ arguments: String) -> LiquidTemplate.Node? {
        let parts = arguments.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, let value = expression(parts[1]) else {
            problems.append("the assignment {% assign \(arguments) %} is not supported")
            return nil
        }
        return .assign(variable: parts[0], value: value)
    }

    /// `comment` (dropped) and `raw` (kept as written): the source up to the end tag, unparsed.
    private mutating func verbatim(_ name: String) -> LiquidTemplate.Node? {
        var text = ""
        while position < segments.count {
            let segment = segments[position]
            position += 1
            if segment.kind == .tag, Self.tagName(segment.content) == "end\(name)" { return name == "raw" ? .text(text) : nil }
            text += segment.kind == .text ? segment.content : segment.kind == .output ? "{{ \(segment.content) }}" : "{% \(segment.content) %}"
        }
        problems.append("a {% \(name) %} tag is never closed with {% end\(name) %}")
        return nil
    }

    private mutating func expression(_ text: String) -> LiquidExpression? {
        do {
            let parsed = try LiquidExpression(parsing: text)
            problems += parsed.filters.filter { !LiquidExpression.Filter.supported.contains($0.name) }
                .map { "the Liquid filter \($0.name) is not supported; the value is shown without it" }
            return parsed
        } catch {
            problems.append("\(error) in {{ \(text) }}")
            return nil
        }
    }

    private mutating func condition(_ text: String, negated: Bool) -> LiquidCondition {
        do {
            return try LiquidCondition(parsing: text, negated: negated)
        } catch {
            problems.append("\(error) in {% if \(text) %}")
            return LiquidCondition.never
        }
    }

    static func tagName(_ content: String) -> String { String(content.prefix { !$0.isWhitespace }) }

    static func arguments(_ content: String) -> String {
        content.drop { !$0.isWhitespace }.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
