import Foundation
import GRDB
import JuryConsensus

/// How one verdict of a completed loop compares with the loop's consensus.
struct VerdictAgreement: Sendable {
    let reviewer: String
    /// A categorical reading of the answer (a classification label, a moderation label set), for kappa.
    let category: String?
    /// How far the answer matches the consensus, 0-1 (forms: the share of fields that match).
    let agreement: Double?
}

/// Agreement over recently completed loops, per flow and per reviewer.
struct RecentAgreement {
    var flowAgreement: [String: AgreementSummary] = [:]
    var reviewerAgreement: [String: Double] = [:]
}

extension Ledger {
    /// Completed loops looked at for agreement figures: the most recent of the last 24 hours.
    static let agreementWindow = 2_000

    /// Agreement over the recent window; recomputed only when the window's loops changed since the last call.
    func recentAgreement(now: Int64, db: Database) throws -> RecentAgreement {
        let ids = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM loop INDEXED BY loop_completed WHERE completed_at > ? ORDER BY completed_at DESC LIMIT ?
            """), arguments: [now - 86_400_000, Self.agreementWindow])
        if let cached = recentAgreementCache.withLock({ $0 }), cached.ids == ids { return cached.result }
        let result = try computeAgreement(ids: ids, db: db)
        recentAgreementCache.withLock { $0 = (ids, result) }
        return result
    }

    private func computeAgreement(ids: [Int64], db: Database) throws -> RecentAgreement {
        let loops = try ids.compactMap { id in
            try db.fetchRow(sql: """
                SELECT loop.id, loop.name, loop.flow, consensus, definition FROM loop
                JOIN flow_version ON flow_version.id = flow_version WHERE loop.id = ?
                """, arguments: [id])
        }
        var answersByFlow: [String: [Answer]] = [:]
        var scores: [String: (sum: Double, count: Int)] = [:]
        for loop in loops {
            for verdict in try verdictAgreements(loop, db: db) {
                if let category = verdict.category {
                    answersByFlow[loop["flow"], default: []].append(Answer(worker: verdict.reviewer, task: loop["name"], label: category))
                }
                if let agreement = verdict.agreement {
                    scores[verdict.reviewer, default: (0, 0)].sum += agreement
                    scores[verdict.reviewer, default: (0, 0)].count += 1
                }
            }
        }
        return RecentAgreement(
            flowAgreement: answersByFlow.mapValues { AgreementSummary($0) },
            reviewerAgreement: scores.mapValues { $0.sum / Double($0.count) })
    }

    /// A completed loop's verdicts against its consensus; computed once per loop and kept, since neither
    /// changes (`jury aggregate` recomputing a consensus clears the cache).
    func verdictAgreements(_ loop: Row, db: Database) throws -> [VerdictAgreement] {
        let id: Int64 = loop["id"]
        if let cached = agreementCache.withLock({ $0[id] }) { return cached }
        let flow = try storedFlow(loop["definition"], loop: loop["name"])
        let consensus = try LedgerColumn.consensus.parseIfPresent(loop["consensus"] as String?, loop: loop["name"])
        let verdicts = try db.fetchRows(sql: "SELECT reviewer, answer FROM verdict WHERE loop_id = ?", arguments: [id]).map { row in
            VerdictAgreement(reviewer: row["reviewer"], answer: try LedgerColumn.answer.parse(row["answer"] as String, loop: loop["name"]),
                             consensus: consensus, flow: flow)
        }
        agreementCache.withLock { $0[id] = verdicts }
        return verdicts
    }

    func reviewerFigures(
        dayStart: Int64, now: Int64, agreement: [String: Double], db: Database
    ) throws -> [QueueStatistics.ReviewerFigures] {
        var figures: [String: QueueStatistics.ReviewerFigures] = [:]
        for member in workforce.teams.flatMap({ $0.reviewers + $0.leads }) where member != "*" {
            figures[member] = .init(reviewer: member)
        }
        var times: [String: [Double]] = [:]
        let today = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT reviewer, time_spent FROM verdict INDEXED BY verdict_time WHERE submitted_at >= ?"),
            arguments: [dayStart])
        while let row = try today.next() {
            times[row[0], default: []].append(row[1])
        }
        for (reviewer, spent) in times {
            let sorted = spent.sorted()
            figures[reviewer, default: .init(reviewer: reviewer)].verdictsToday = sorted.count
            figures[reviewer]?.medianSeconds = Self.percentile(sorted, 0.5)
            figures[reviewer]?.p90Seconds = Self.percentile(sorted, 0.9)
        }
        for row in try db.fetchRows(sql: "SELECT reviewer, count(*) FROM claim WHERE expires_at > ? GROUP BY reviewer", arguments: [now]) {
            figures[row[0], default: .init(reviewer: row[0])].activeClaims = row[1]
        }
        for row in try db.fetchRows(sql: "SELECT reviewer, last_at FROM reviewer_activity WHERE last_at > ?", arguments: [now - 86_400_000]) {
            figures[row[0], default: .init(reviewer: row[0])].lastActivity = row[1]
        }
        for (reviewer, value) in agreement { figures[reviewer, default: .init(reviewer: reviewer)].agreement = value }
        return figures.values.sorted { $0.reviewer < $1.reviewer }
    }

    /// The value below which `fraction` of `sorted` lies (nearest rank); nil when empty.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        if fraction == 0.5, sorted.count % 2 == 0 { return (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 }
        return sorted[min(sorted.count - 1, Int((fraction * Double(sorted.count)).rounded(.up)) - 1)]
    }
}

extension VerdictAgreement {
    /// An unresolved consensus (a tie, a conflict) counts neither for nor against the reviewer: `agreement` is nil.
    init(reviewer: String, answer: JSONValue, consensus: JSONValue?, flow: FlowDefinition) {
        self.reviewer = reviewer
        let body = answer[AnswerContent.mainKey(for: flow)]
        let consensus = consensus?["unresolved"] == true ? nil : consensus
        switch flow.taskType {
        case .classification where body?["labels"] != nil:
            let names = (body?["labels"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
            category = names.isEmpty ? "(none)" : names.joined(separator: "+")
            agreement = consensus?["labelSet"]?.arrayValue.map { $0.compactMap(\.stringValue).sorted() == names ? 1 : 0 }
        case .classification:
            category = body?["label"]?.stringValue
            agreement = Self.match(category, consensus?["value"]?.stringValue)
        case .imageModeration:
            let names = (body?["moderationLabels"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }.sorted()
            category = names.isEmpty ? "(none)" : names.joined(separator: "+")
            let agreed = consensus?["labelSet"]?.arrayValue?.compactMap(\.stringValue).sorted()
            agreement = agreed.map { $0 == names ? 1 : 0 }
        case .freeText:
            category = nil
            agreement = Self.match(body?.stringValue ?? body?["text"]?.stringValue, consensus?["value"]?.stringValue)
        case .documentForm:
            category = nil
            agreement = Self.formAgreement(FormAnswer.pairs(inBlocks: body?["blocks"]?.arrayValue ?? []), consensus?["fields"])
        }
    }

    private static func match(_ answer: String?, _ consensus: String?) -> Double? {
        guard let answer, let consensus else { return nil }
        return answer == consensus ? 1 : 0
    }

    /// The share of consensus fields whose normalised value the reviewer gave (a missing key counts as given
    /// when the consensus says the key is missing).
    private static func formAgreement(_ pairs: [FormAnswer.Pair], _ fields: JSONValue?) -> Double? {
        guard let decisions = fields?.objectValue, !decisions.isEmpty else { return nil }
        let given = Dictionary(pairs.map { ($0.fieldId, $0.value) }, uniquingKeysWith: { first, _ in first })
        let normalizer = ValueNormalizer()
        let matches = decisions.filter { key, decision in
            normalizer.normalize(given[key]).key == decision["normalized"]?.stringValue
        }
        return Double(matches.count) / Double(decisions.count)
    }
}
