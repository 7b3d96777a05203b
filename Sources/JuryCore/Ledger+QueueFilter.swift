import GRDB

extension QueueFilter {
    /// The flow and confidence terms as SQL conditions over `loop`, each starting with " AND " (empty
    /// when there are none), and their arguments.
    var sql: (text: String, arguments: StatementArguments) {
        var text = ""
        var arguments: StatementArguments = []
        if let flow {
            text += " AND loop.flow = ?"
            arguments += [flow]
        }
        if let lower = confidence?.lower {
            text += " AND loop.min_confidence \(lower.includesValue ? ">=" : ">") ?"
            arguments += [lower.value]
        }
        if let upper = confidence?.upper {
            text += " AND loop.min_confidence \(upper.includesValue ? "<=" : "<") ?"
            arguments += [upper.value]
        }
        return (text, arguments)
    }

    /// The free words as one FTS5 query over `loop_text`: each word a quoted phrase (so no character of
    /// it is read as query syntax; "t-01" is the phrase of its words "t" "01"), all of them required; nil
    /// with no free word.
    var textQuery: String? {
        guard !words.isEmpty else { return nil }
        return words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
    }
}

/// How a page query meets the free words of a search: a few matching loops are named by id (the
/// page sorts them), many are tested row by row while the claim order's index is walked.
struct TextCondition {
    /// " AND …" over `loop`, or "" with no free word.
    let text: String
    let arguments: StatementArguments
    /// Whether the page walks the claim order's index (false: it looks the named loops up by id).
    let walksIndex: Bool

    /// Up to this many matching loops are named by id.
    static let namedLoopsAtMost = 2_000

    static let none = TextCondition(text: "", arguments: [], walksIndex: true)

    /// The condition for `filter` in `db`: counts the matches up to one past `namedAtMost` (FTS5 finds
    /// them without reading the rest) to choose, then reads the ids of few.
    static func of(_ filter: QueueFilter?, namedAtMost: Int, db: Database) throws -> TextCondition {
        guard let query = filter?.textQuery else { return .none }
        let matches = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM loop_text WHERE loop_text MATCH ? LIMIT ?)"),
                                       arguments: [query, namedAtMost + 1]) ?? 0
        if matches <= namedAtMost {
            let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM loop_text WHERE loop_text MATCH ?"), arguments: [query])
            return TextCondition(text: " AND loop.id IN (\(ids.isEmpty ? "NULL" : ids.map(String.init).joined(separator: ",")))",
                                 arguments: [], walksIndex: false)
        }
        return TextCondition(text: " AND EXISTS (SELECT 1 FROM loop_text WHERE loop_text MATCH ? AND loop_text.rowid = loop.id)",
                             arguments: [query], walksIndex: true)
    }
}
