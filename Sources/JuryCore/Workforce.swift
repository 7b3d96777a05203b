import Foundation
import JuryJSON

/// The private workforce: teams of reviewers and leads, read from `QUEUE/workforce.json`.
///
/// `{"Teams": [{"Name": "finance", "Reviewers": ["alice"], "Leads": ["lena"]}]}`; a member `"*"`
/// stands for anyone. Leads are members of their team too.
public struct Workforce: Sendable, Equatable {
    public struct Team: Sendable, Equatable {
        public let name: String
        public let reviewers: [String]
        public let leads: [String]

        public init(name: String, reviewers: [String], leads: [String]) {
            self.name = name
            self.reviewers = reviewers
            self.leads = leads
        }

        func hasMember(_ login: String) -> Bool { isLead(login) || reviewers.contains(login) || reviewers.contains("*") }
        func isLead(_ login: String) -> Bool { leads.contains(login) || leads.contains("*") }
    }

    public let teams: [Team]

    public init(teams: [Team]) { self.teams = teams }

    /// The names of the teams `login` may claim tasks for.
    public func teams(of login: String) -> [String] { teams.filter { $0.hasMember(login) }.map(\.name) }

    /// Whether `login` leads `team`.
    public func isLead(_ login: String, of team: String) -> Bool {
        teams.contains { $0.name == team && $0.isLead(login) }
    }

    /// Whether `login` leads any team.
    public func isLead(_ login: String) -> Bool { teams.contains { $0.isLead(login) } }

    /// The names of the teams `login` leads, in the file's order.
    public func teamsLed(by login: String) -> [String] { teams.filter { $0.isLead(login) }.map(\.name) }
}

extension Workforce {
    /// Reads a workforce file.
    /// - Throws: `FlowDefinitionError`-style problems as `WorkforceError` with JSON paths.
    public static func parse(_ data: Data) throws -> Workforce {
        let document = try JSONValue.parse(data)
        var problems: [ValidationProblem] = []
        let list = document["Teams"]?.arrayValue ?? []
        if document["Teams"]?.arrayValue == nil { problems.append(ValidationProblem(JSONPath.root.appending("Teams"), "required: an array of teams")) }
        let teams = list.enumerated().compactMap { index, team -> Team? in
            let path = JSONPath.root.appending("Teams").appending(index)
            let name = team["Name"]?.stringValue ?? ""
            let reviewers = team["Reviewers"]?.arrayValue?.compactMap(\.stringValue)
            let leads = team["Leads"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard !name.isEmpty, let reviewers else {
                problems.append(ValidationProblem(path, "a team needs a Name and a Reviewers array of login names"))
                return nil
            }
            return Team(name: name, reviewers: reviewers, leads: leads)
        }
        guard problems.isEmpty else { throw WorkforceError(problems: problems) }
        return Workforce(teams: teams)
    }

    /// The file's JSON form.
    public var json: JSONValue {
        .object(["Teams": .array(teams.map { team in
            .object([
                "Name": .string(team.name), "Reviewers": .array(team.reviewers.map(JSONValue.string)),
                "Leads": .array(team.leads.map(JSONValue.string)),
            ])
        })])
    }
}

/// A workforce file that cannot be used.
public struct WorkforceError: Error, CustomStringConvertible, Sendable {
    public let problems: [ValidationProblem]
    public var description: String { "workforce.json is invalid: " + problems.map(\.description).joined(separator: "; ") }
}
