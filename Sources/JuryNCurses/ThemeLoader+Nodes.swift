import JuryCanvas
import Yams

extension ThemeLoader {
    /// The YAML document's root node; syntax errors become `ThemeError.Kind.syntax` with the
    /// position libyaml reports.
    static func compose(_ yaml: String, file: String) throws(ThemeError) -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ThemeError(kind: .syntax, file: file, line: nil, column: nil, key: "", message: "\(error)")
        }
        guard let root else {
            throw ThemeError(kind: .missingKey, file: file, line: 1, column: 1, key: "roles", message: "empty theme file")
        }
        return root
    }

    static func syntaxError(_ error: YamlError, file: String) -> ThemeError {
        let (problem, mark): (String, Mark?) = switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            (problem, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            ("duplicate key \(duplicates.joined(separator: ", "))", context.mark)
        case .reader(let problem, _, _, _):
            (problem, nil)
        default:
            ("\(error)", nil)
        }
        return ThemeError(kind: .syntax, file: file, line: mark?.line, column: mark?.column, key: "",
                          message: "YAML syntax: \(problem)")
    }

    static func mapping(_ node: Node, key: String, file: String) throws(ThemeError) -> Node.Mapping {
        guard let mapping = node.mapping else {
            throw located(node, .syntax, file, key, "expected a mapping (key: value lines)")
        }
        return mapping
    }

    static func scalar(_ node: Node, key: String, file: String) throws(ThemeError) -> String {
        guard let scalar = node.scalar else { throw located(node, .syntax, file, key, "expected a single value") }
        return scalar.string
    }

    static func located(_ node: Node, _ kind: ThemeError.Kind, _ file: String, _ key: String,
                        _ message: String) -> ThemeError {
        ThemeError(kind: kind, file: file, line: node.mark?.line, column: node.mark?.column, key: key, message: message)
    }
}
