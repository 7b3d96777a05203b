import JuryJSON

/// The AWS service data a loop carries (`aiServiceRequest`, `aiServiceResponse`,
/// `selectedAiServiceResponse`) in the two casings it is met in: PascalCase, as Textract and
/// Rekognition return it (`Blocks`, `S3Object`), and lowerCamelCase, as A2I writes it in its outputs
/// (`blocks`, `s3Object`). Jury reads either and writes A2I's.
public enum ServiceData {
    /// The InputContent members that hold service data, rewritten in lowerCamelCase in outputs.
    public static let inputMembers = ["aiServiceRequest", "aiServiceResponse", "selectedAiServiceResponse"]

    /// `value` with every object key in PascalCase (`blocks` → `Blocks`, `s3Object` → `S3Object`).
    /// A value whose top-level keys are already PascalCase is returned unchanged, at no cost.
    public static func pascalCased(_ value: JSONValue) -> JSONValue {
        guard let members = value.objectValue, members.keys.contains(where: startsLowercase) else { return value }
        return rekeyed(value, with: pascalKey)
    }

    /// `value` with every object key in lowerCamelCase, as A2I writes service data: the leading capital
    /// run is lowered (`Blocks` → `blocks`, `S3Object` → `s3Object`, `HTTPHeaders` → `httpHeaders`).
    public static func lowerCamelCased(_ value: JSONValue) -> JSONValue {
        rekeyed(value, with: lowerCamelKey)
    }

    /// The `aiServiceResponse` of a loop's input in PascalCase, what Jury's readers expect; `.null` when absent.
    public static func response(in input: JSONValue) -> JSONValue {
        pascalCased(input["aiServiceResponse"] ?? .null)
    }

    /// The `aiServiceRequest` of a loop's input in PascalCase; `.null` when absent.
    public static func request(in input: JSONValue) -> JSONValue {
        pascalCased(input["aiServiceRequest"] ?? .null)
    }

    private static func rekeyed(_ value: JSONValue, with key: (String) -> String) -> JSONValue {
        switch value {
        case .object(let members):
            .object(Dictionary(members.map { (key($0.key), rekeyed($0.value, with: key)) }, uniquingKeysWith: { first, _ in first }))
        case .array(let elements): .array(elements.map { rekeyed($0, with: key) })
        default: value
        }
    }

    private static func startsLowercase(_ key: String) -> Bool { key.first?.isLowercase == true }

    private static func pascalKey(_ key: String) -> String {
        guard let first = key.first, first.isLowercase else { return key }
        return first.uppercased() + key.dropFirst()
    }

    /// Lowers the leading run of capitals, keeping the last one when a lowercase letter follows it
    /// (`HTTPHeaders` → `httpHeaders`), so the word after an acronym keeps its capital.
    private static func lowerCamelKey(_ key: String) -> String {
        let characters = Array(key)
        let run = characters.prefix { $0.isUppercase }.count
        guard run > 0 else { return key }
        let lowered = run > 1 && run < characters.count && characters[run].isLowercase ? run - 1 : run
        return String(characters[..<lowered]).lowercased() + String(characters[lowered...])
    }
}
