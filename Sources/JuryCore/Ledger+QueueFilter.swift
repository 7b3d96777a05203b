import GRDB

extension QueueFilter {
    /// The filter as SQL conditions over `loop`, each starting with " AND " (empty for no filter), and
    /// their arguments. Free words test the loop's name and its `loop_text` words (FTS5 prefix queries,
    /// each run once per statement), so a page still reads the claim order's index from its position on.
    var sql: (text: String, arguments: StatementArguments) {
        var text = ""
        var arguments: StatementArguments = []
        for word in words {
            text += " AND (instr(lower(loop.name), ?) > 0 OR loop.id IN (SELECT rowid FROM loop_text WHERE loop_text MATCH ?))"
            arguments += [word, Self.prefixQuery(word)]
        }
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

    /// An FTS5 query matching words that start with `word`'s words, in order (a quoted phrase, so
    /// no character of the word is read as query syntax).
    static func prefixQuery(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"*"
    }
}
