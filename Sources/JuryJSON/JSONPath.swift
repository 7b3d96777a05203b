/// A location inside a JSON document, written the way error messages and flows spell it: `$.a.b[0]`.
///
/// Paths name where a problem is (`$.HumanLoopConfig.TaskCount`) and where a custom model's
/// confidence sits (`$.prediction.scores[*].confidence`, where `[*]` takes every element).
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
        case everyElement
    }

    public let components: [Component]

    /// The document's root, `$`.
    public static let root = JSONPath(components: [])

    public init(components: [Component]) { self.components = components }

    public func appending(_ key: String) -> JSONPath { JSONPath(components: components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(components: components + [.index(index)]) }

    public var description: String {
        components.reduce(into: "$") { text, component in
            switch component {
            case .key(let key) where key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !key.isEmpty:
                text += "." + key
            case .key(let key): text += "[\"" + key.replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
            case .index(let index): text += "[\(index)]"
            case .everyElement: text += "[*]"
            }
        }
    }

    /// Every value the path reaches in `document`: none when a step is missing, several through `[*]`.
    public func values(in document: JSONValue) -> [JSONValue] {
        components.reduce([document]) { current, component in
            current.flatMap { value -> [JSONValue] in
                switch component {
                case .key(let key): value[key].map { [$0] } ?? []
                case .index(let index): value[index].map { [$0] } ?? []
                case .everyElement: value.arrayValue ?? []
                }
            }
        }
    }
}

extension JSONPath {
    /// Why a path's text could not be read.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads `$`, `$.key`, `$.a.b`, `$.a[0]`, `$.a[*]` and `$["odd key"]`.
    /// - Throws: `SyntaxError` saying where the text stops making sense.
    public static func parse(_ text: String) throws -> JSONPath {
        var rest = Substring(text)
        guard rest.first == "$" else { throw SyntaxError(description: "a path starts with $") }
        rest = rest.dropFirst()
        var components: [Component] = []
        while !rest.isEmpty {
            components.append(try parseComponent(&rest, in: text))
        }
        return JSONPath(components: components)
    }

    private static func parseComponent(_ rest: inout Substring, in text: String) throws -> Component {
        if rest.first == "." {
            rest = rest.dropFirst()
            let key = rest.prefix { $0 != "." && $0 != "[" }
            guard !key.isEmpty else { throw SyntaxError(description: "empty key in \(text)") }
            rest = rest.dropFirst(key.count)
            return .key(String(key))
        }
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else {
            throw SyntaxError(description: "expected .key or [index] at \"\(rest)\" in \(text)")
        }
        let inside = rest[rest.index(after: rest.startIndex)..<close]
        rest = rest[rest.index(after: close)...]
        if inside == "*" { return .everyElement }
        if let index = Int(inside), index >= 0 { return .index(index) }
        if inside.count >= 2, let quote = inside.first, quote == "\"" || quote == "'", inside.last == quote {
            return .key(String(inside.dropFirst().dropLast()))
        }
        throw SyntaxError(description: "bad subscript [\(inside)] in \(text)")
    }
}
