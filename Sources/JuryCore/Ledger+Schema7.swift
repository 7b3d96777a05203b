import GRDB

extension Ledger {
    /// Migration 7: a new loop's `loop_text` row is written by the admission itself, with the text
    /// `LoopAdmission.searchText` gathered while the request was checked (on the core that reads and
    /// checks inbox files, not the ledger's writer), instead of by a trigger that walked the stored
    /// input again with `json_tree` inside the admitting transaction. Deleting a loop's input still
    /// deletes its row by trigger.
    static let schemaVersion7 = """
        DROP TRIGGER loop_text_insert;
        """
}
