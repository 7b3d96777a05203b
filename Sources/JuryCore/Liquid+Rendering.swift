import JuryJSON

extension LiquidTemplate {
    /// The template's text for `variables` (for a worker template: `["task": ["input": InputContent]]`).
    ///
    /// As A2I does, an output is HTML-escaped unless a filter says otherwise (`skip_autoescape`, or
    /// `escape`, which escapes it once); strings print as they are, numbers as written, `true`/`false`,
    /// nothing for a missing value or null, and arrays and objects as JSON. Total: a missing member is nil.
    public func render(_ variables: [String: JSONValue]) -> String {
        var scope = LiquidScope(variables: variables)
        return scope.render(nodes)
    }
}

/// The variables while a template renders: the given ones, then `assign`s, `capture`s and loop variables.
struct LiquidScope {
    var variables: [String: JSONValue]

    mutating func render(_ nodes: [LiquidTemplate.Node]) -> String {
        nodes.map { render($0) }.joined()
    }

    private mutating func render(_ node: LiquidTemplate.Node) -> String {
        switch node {
        case .text(let text): return text
        case .output(let expression): return output(expression)
        case .branches(let branches, let otherwise):
            return render(branches.first { holds($0.condition) }?.body ?? otherwise)
        case .loop(let variable, let collection, let body): return loop(variable, over: value(of: collection), body: body)
        case .capture(let variable, let body):
            variables[variable] = .string(render(body))
            return ""
        case .assign(let variable, let expression):
            variables[variable] = value(of: expression)
            return ""
        }
    }

    private mutating func loop(_ variable: String, over collection: JSONValue, body: [LiquidTemplate.Node]) -> String {
        let elements = collection.arrayValue ?? []
        let saved = (variables[variable], variables["forloop"])
        defer { (variables[variable], variables["forloop"]) = saved }
        return elements.enumerated().map { index, element in
            variables[variable] = element
            variables["forloop"] = [
                "index": .number(Double(index + 1)), "index0": .number(Double(index)), "first": .bool(index == 0),
                "last": .bool(index == elements.count - 1), "length": .number(Double(elements.count)),
                "rindex": .number(Double(elements.count - index)),
            ]
            return render(body)
        }.joined()
    }

    private func output(_ expression: LiquidExpression) -> String {
        let text = LiquidScope.text(of: value(of: expression))
        let names = expression.filters.map(\.name)
        if names.contains("skip_autoescape") { return text }
        return names.contains("escape") ? text : LiquidScope.escaped(text)
    }

    /// The expression's value after its filters; an unsupported filter leaves the value as it is.
    func value(of expression: LiquidExpression) -> JSONValue {
        expression.filters.reduce(value(of: expression.operand)) { value, filter in
            switch filter.name {
            case "to_json": .string(value.encodedString())
            case "escape": .string(LiquidScope.escaped(LiquidScope.text(of: value)))
            case "default": LiquidScope.isBlank(value) ? filter.arguments.first.map(self.value(of:)) ?? value : value
            default: value
            }
        }
    }

    func value(of operand: LiquidExpression.Operand) -> JSONValue {
        switch operand {
        case .literal(let value): value
        case .variable(let path): value(at: path)
        }
    }

    private func value(at path: [LiquidExpression.PathSegment]) -> JSONValue {
        guard case .key(let name)? = path.first, var value = variables[name] else { return .null }
        for segment in path.dropFirst() {
            guard let next = Self.member(segment, of: value) else { return .null }
            value = next
        }
        return value
    }

    private static func member(_ segment: LiquidExpression.PathSegment, of value: JSONValue) -> JSONValue? {
        switch segment {
        case .index(let index): return value[index < 0 ? (value.arrayValue?.count ?? 0) + index : index]
        case .key(let key):
            if let member = value[key] { return member }
            let elements = value.arrayValue
            switch key {
            case "size": return (elements?.count ?? value.objectValue?.count ?? value.stringValue?.count).map { .number(Double($0)) }
            case "first": return elements?.first
            case "last": return elements?.last
            default: return nil
            }
        }
    }

    private func holds(_ condition: LiquidCondition) -> Bool {
        let results = condition.terms.map { holds($0.comparison) }
        var result = results.last ?? false
        for index in stride(from: results.count - 2, through: 0, by: -1) {
            result = condition.terms[index + 1].join == "and" ? results[index] && result : results[index] || result
        }
        return result != condition.negated
    }

    private func holds(_ comparison: LiquidCondition.Comparison) -> Bool {
        let left = value(of: comparison.left)
        guard let relation = comparison.relation, let rightOperand = comparison.right else { return Self.isTruthy(left) }
        let right = value(of: rightOperand)
        switch relation {
        case "==": return Self.equal(left, right)
        case "!=": return !Self.equal(left, right)
        case "contains":
            guard let needle = right.stringValue else { return false }
            return left.stringValue?.contains(needle) ?? left.arrayValue?.contains(.string(needle)) ?? false
        default:
            guard let a = left.numberValue, let b = right.numberValue else { return false }
            return relation == "<" ? a < b : relation == ">" ? a > b : relation == "<=" ? a <= b : a >= b
        }
    }

    private static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
        if let a = left.numberValue, let b = right.numberValue { return a == b }
        return left == right
    }

    /// Liquid's truth: everything but nil and false holds.
    static func isTruthy(_ value: JSONValue) -> Bool { value != .null && value != .bool(false) }

    /// What `default` replaces: nil, false, an empty string or an empty array.
    static func isBlank(_ value: JSONValue) -> Bool {
        !isTruthy(value) || value.stringValue?.isEmpty == true || value.arrayValue?.isEmpty == true
    }

    static func text(of value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number, .array, .object: value.encodedString()
        }
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as HTML entities.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
