import Foundation
import JuryConsensus
import JuryCore
import JuryJSON

extension QueueService {
    /// The queue-wide calls: listing, figures, lead actions, producers' loops and ingest.
    func performQueueCall(_ call: ServiceCall, caller: Caller, login: String) throws -> JSONValue {
        let encoder = JSONValueEncoder()
        switch call {
        case .listLoops(let query): return try encoder.encode(reader(caller, login) { try sweptRead { try ledger.list(query) } })
        case .describeLoop(let loop): return try reader(caller, login) { try sweptRead { try ledger.describe(loop: loop) } }
        case .statistics(let dayStart):
            return try encoder.encode(reader(caller, login) { try sweptRead { try ledger.statistics(dayStart: Timestamp.date(milliseconds: dayStart)) } })
        case .attention(let limit):
            guard ledger.workforce.isLead(login) else { throw JuryError.forbidden("only leads see the attention list; \(login) is not one") }
            return try encoder.encode(ledger.attentionItems(limit: min(max(limit, 1), 1_000), teams: ledger.workforce.teamsLed(by: login)))
        case .findLoops(let prefix, let limit): return try encoder.encode(sweptRead { try ledger.findLoops(prefix: prefix, lead: login, limit: limit) })
        case .loopTrail(let loop): return try encoder.encode(sweptRead { try ledger.loopTrail(loop: loop, lead: login) })
        case .loopAction(let action, let loop, let reviewer): return .string(try perform(action, loop: loop, reviewer: reviewer, lead: login))
        case .startLoop(let flow, let name, let input):
            try producer(caller, login)
            return try encoder.encode(startLoop(flow: flow, name: name, input: input))
        case .submitPrediction(let flow, let name, let prediction, let request, let metadata):
            try producer(caller, login)
            let input = try predictionInput(flow: flow, prediction: prediction, serviceRequest: request, metadata: metadata)
            let requestedName = name ?? request?["HumanLoopConfig"]?["HumanLoopName"]?.stringValue
            return try encoder.encode(startLoop(flow: flow, name: requestedName ?? "loop-" + String(ContentHash.of(flow + input.encodedString()), radix: 16), input: input))
        case .ingest: return try encoder.encode(try reader(caller, login) { try ingest() })
        case .recomputeConsensus(let flow, let method, let write):
            return try encoder.encode(recompute(flow: flow, method: method, write: write, lead: login))
        case .prune(let days):
            guard ledger.workforce.isLead(login) else { throw JuryError.forbidden("only leads may prune the queue; \(login) is not one") }
            guard days >= 0, days.isFinite else { throw JuryError.invalidInput("the age must be 0 days or more") }
            return try encoder.encode(ledger.queue.pruneIngested(before: ledger.time.now.addingTimeInterval(-days * 86_400)))
        case .exportPage(let query): return try encoder.encode(exportPage(query, caller: caller, login: login))
        default: return try performProducerCall(call, caller: caller, login: login)
        }
    }

    /// The caller's teams, flows and the service's clock.
    func profile(of login: String) -> CallerProfile {
        let teams = ledger.workforce.teams(of: login)
        let flows = ledger.queue.loadFlows().flows.values.filter { teams.contains($0.team) }.sorted { $0.name < $1.name }
            .map { FlowSummary(name: $0.name, taskType: $0.taskType, threshold: $0.confidenceThreshold) }
        return CallerProfile(login: login, teams: teams, isLead: ledger.workforce.isLead(login), flows: flows,
                             workforcePath: ledger.queue.workforceURL.path, serviceTime: Timestamp.milliseconds(ledger.time.now))
    }

    func release(loop: String, of reviewer: String?, by login: String) throws {
        if let reviewer, reviewer != login {
            try ledger.releaseClaim(loop: loop, reviewer: reviewer, lead: login)
        } else {
            try ledger.release(loop: loop, reviewer: login)
        }
    }

    /// Runs `body` for a member of a team; others are refused.
    func member<T>(_ login: String, _ body: () throws -> T) throws -> T {
        guard !ledger.workforce.teams(of: login).isEmpty else {
            throw JuryError.forbidden("\(login) is in no team of \(ledger.queue.workforceURL.path); ask the queue's owner to add them to workforce.json")
        }
        return try body()
    }

    /// Runs `body` for a member of a team or the queue's owner.
    func reader<T>(_ caller: Caller, _ login: String, _ body: () throws -> T) throws -> T {
        if (caller.uid == owner && caller.login == login) || caller.holdsAccessKey { return try body() }
        return try member(login, body)
    }

    /// Who may make A2I's calls other than StartHumanLoop (stop or delete any loop, create or delete flows
    /// and task UIs): the queue's owner, access-key holders and the producers group. A lead is not one by
    /// leading: leads act on their own teams' loops with the lead actions.
    /// - Throws: `JuryError.forbidden` naming the call.
    func pipeline(_ caller: Caller, _ login: String, call: ServiceCall) throws {
        if caller.uid == owner || caller.holdsAccessKey { return }
        if let producersGroup, caller.isMember(ofGroup: producersGroup) { return }
        let leadNote = ledger.workforce.isLead(login) ? "; a lead stops, deletes and reopens their teams' loops with `jury stop`, `delete`, `reopen`" : ""
        throw JuryError.forbidden("\(login) may not call \(call.name): only the producers group\(producersGroup.map { " (\($0))" } ?? "") and the queue's owner may\(leadNote)")
    }

    /// Refuses callers who may not start loops: the owner, leads and the producers group may.
    func producer(_ caller: Caller, _ login: String) throws {
        if caller.uid == owner || caller.holdsAccessKey || ledger.workforce.isLead(login) { return }
        if let producersGroup, caller.isMember(ofGroup: producersGroup) { return }
        throw JuryError.forbidden("\(login) may not start loops: only the producers group\(producersGroup.map { " (\($0))" } ?? ""), leads and the queue's owner may")
    }

    /// Ends leases and lifetimes that ran out (unless the queue is read-only), then reads.
    func sweptRead<T>(_ body: () throws -> T) throws -> T {
        if !ledger.isReadOnly { try ledger.sweepExpired() }
        return try body()
    }

    func perform(_ action: LoopAction, loop: String, reviewer: String?, lead: String) throws -> String {
        switch action {
        case .stop: return "\(loop) is \(try ledger.stop(loop: loop, actor: lead).rawValue)"
        case .delete:
            try ledger.delete(loop: loop, actor: lead)
            return "\(loop) deleted"
        case .reopen:
            let status = try ledger.reopen(loop: loop, actor: lead)
            return status == .completed ? "\(loop) is Completed: a lead had settled it" : "\(loop) is InProgress again"
        case .adjudicate:
            try ledger.sendToAdjudication(loop: loop, actor: lead)
            return "\(loop) waits for a lead's verdict"
        case .releaseClaim:
            guard let reviewer else { throw JuryError.invalidInput("releasing a claim needs the reviewer whose claim it is") }
            try ledger.releaseClaim(loop: loop, reviewer: reviewer, lead: lead)
            return "released \(reviewer)'s claim on \(loop)"
        }
    }

    /// Moves the inbox into the ledger and writes outputs still pending.
    func ingest() throws -> IngestSummary {
        let (flows, broken) = ledger.queue.loadFlows()
        let report = try Ingest(ledger: ledger, flows: flows).run()
        try ledger.writePendingOutputs()
        return IngestSummary(report: report, brokenFlows: broken.map(\.description))
    }

    /// Recomputes a flow's consensus, writing the changes only when `write`; only leads of the flow's team may.
    func recompute(flow name: String, method: String, write: Bool, lead: String) throws -> ConsensusRecomputation {
        guard let aggregation = AggregationMethod(rawValue: method) else {
            throw JuryError.invalidInput("no aggregation method \(method) (known: \(AggregationMethod.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let flow = ledger.queue.loadFlows().flows[name] else { throw JuryError.notFound("no valid flow named \(name)") }
        guard ledger.workforce.isLead(lead, of: flow.team) else {
            throw JuryError.forbidden("only leads of team \(flow.team) may recompute the consensus of \(name); \(lead) is not one")
        }
        return try ledger.recomputeConsensus(flow: name, method: aggregation, writing: write, actor: lead)
    }

    /// A loop's InputContent from a prediction: custom flows take it as it is; AWS flows wrap the service's
    /// response with its request and metadata, as A2I's AWS integrations do.
    func predictionInput(flow reference: String, prediction: JSONValue, serviceRequest: JSONValue?, metadata: JSONValue?) throws -> JSONValue {
        let name = ResourceName.lastSegment(ofARN: reference)
        guard let flow = ledger.queue.loadFlows().flows[name] else { throw JuryError.notFound("no valid flow named \(name)") }
        guard flow.requestSource != nil else { return prediction }
        var members: [String: JSONValue] = ["aiServiceResponse": prediction]
        if let serviceRequest { members["aiServiceRequest"] = serviceRequest }
        if let metadata { members["metadata"] = metadata }
        return .object(members)
    }

    /// Checks the request for `input` exactly as ingest checks an inbox file (so a request ingest would
    /// refuse is refused here, conditions or not), then evaluates `flow`'s activation conditions and, when
    /// one holds, admits the loop at once. `reference` is the flow's name or ARN.
    /// - Throws: `JuryError.notFound` for an unknown flow, `.invalidInput` with ingest's rejection, `.conflict`.
    func startLoop(flow reference: String, name loopName: String, input: JSONValue) throws -> StartedLoop {
        let name = ResourceName.lastSegment(ofARN: reference)
        let flows = ledger.queue.loadFlows().flows
        guard let flow = flows[name] else {
            throw JuryError.notFound("no valid flow named \(name) in \(ledger.queue.flowsURL.path); check it with `jury flow check`")
        }
        let request = HumanLoopRequest(name: loopName, flowName: name, flowARN: name == reference ? nil : reference, input: input)
        let admission: LoopAdmission
        do {
            admission = try Ingest.admission(of: request.json.encoded(), flows: flows)
        } catch {
            throw JuryError.invalidInput("\(error)")
        }
        let outcome = flow.evaluateActivation(ActivationEvidence(inputContent: input, source: flow.requestSource, samplingKey: request.identity))
        guard outcome.startsHumanLoop else {
            return StartedLoop(started: false, loopName: loopName, reasons: outcome.reasons, activationResults: outcome.results, duplicate: false)
        }
        switch try ledger.admit([admission])[0] {
        case .conflict(let rejection): throw JuryError.conflict(rejection.description)
        case let result:
            return StartedLoop(started: true, loopName: loopName, reasons: outcome.reasons, activationResults: outcome.results,
                               duplicate: result == .duplicate)
        }
    }
}
