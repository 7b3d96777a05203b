import GRDB

extension Ledger {
    /// Migration 7: the text index becomes contentless and is written by the ledger's own code.
    ///
    /// A new loop's `loop_text` row is inserted by its admission, with the text
    /// `LoopAdmission.searchText` gathered while the request was checked (on the core that reads and
    /// checks inbox files, not the ledger's writer), instead of by a trigger that walked the stored input
    /// again with `json_tree` inside the admitting transaction; and the index no longer keeps a second
    /// copy of every input's text (`content = ''`): the input is in `loop_input` already. A contentless
    /// index forgets a row only when told its words, so deleting a loop removes its row with the same text
    /// (`Ledger.removeFromTextIndex`). The migration rebuilds the index for the loops already there.
    static func migrateToVersion7(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER loop_text_insert;
            DROP TRIGGER loop_text_delete;
            DROP TABLE loop_text;
            CREATE VIRTUAL TABLE loop_text USING fts5(name, text, content = '', tokenize = 'unicode61 remove_diacritics 2');
            """)
        let loops = try Row.fetchCursor(db, sql: "SELECT loop.id, loop.name, loop_input.input_content FROM loop JOIN loop_input ON loop_input.loop_id = loop.id")
        while let row = try loops.next() {
            let (id, name, input): (Int64, String, String) = (row[0], row[1], row[2])
            try indexText(loopId: id, name: name, text: LoopAdmission.searchText(of: try LedgerColumn.inputContent.parse(input, loop: name)), db: db)
        }
    }

    /// Adds a loop's row to the text index.
    static func indexText(loopId: Int64, name: String, text: String, db: Database) throws {
        try db.run(sql: "INSERT INTO loop_text(rowid, name, text) VALUES (?, ?, ?)", arguments: [loopId, name, text])
    }

    /// Adds the rows of the loops a transaction created to the text index. Called after the
    /// transaction's last savepoint: SQLite 3.40's FTS5 writes its pending rows out as a new index
    /// segment at every savepoint once it holds some, so rows added one savepoint at a time would each
    /// cost a segment, where rows added together share one.
    static func indexTexts(_ texts: [LoopText], db: Database) throws {
        for row in texts { try indexText(loopId: row.loopId, name: row.name, text: row.text, db: db) }
    }

    /// Removes `loop`'s row from the text index, telling it the words it was given (the index is
    /// contentless). Call it before the loop's input is deleted.
    /// - Throws: `JuryError.invalidState` naming the loop when its stored input is not JSON.
    static func removeFromTextIndex(_ loop: LoopRecord, db: Database) throws {
        guard let input = try LoopInputRecord.filter(LoopInputRecord.Columns.loopId == loop.id).fetchOne(db) else { return }
        try db.run(sql: "INSERT INTO loop_text(loop_text, rowid, name, text) VALUES ('delete', ?, ?, ?)",
                   arguments: [loop.id, loop.name, LoopAdmission.searchText(of: try input.parsedInput(loop: loop.name))])
    }
}

/// A created loop's row of the text index, held until its transaction adds it (`Ledger.indexTexts`).
struct LoopText: Sendable {
    let loopId: Int64
    let name: String
    let text: String
}
