import GRDB

extension Ledger {
    /// Migration 6: the words of each loop's name and task text, for the queue's search (`QueueFilter`).
    /// `loop_text` is a full-text index (FTS5, row id = loop id) of the loop's name and the string values
    /// of its input, the model's prediction included; triggers keep it with `loop_input`, whichever code
    /// writes it, and the migration fills it for the loops already there. (Migration 7 moves the insert
    /// into the admission.)
    static let schemaVersion6 = """
        CREATE VIRTUAL TABLE loop_text USING fts5(name, text, tokenize = 'unicode61 remove_diacritics 2');

        INSERT INTO loop_text(rowid, name, text)
            SELECT loop_id, (SELECT name FROM loop WHERE id = loop_id),
                   (SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(input_content) WHERE type = 'text')
            FROM loop_input;

        CREATE TRIGGER loop_text_insert AFTER INSERT ON loop_input BEGIN
            INSERT INTO loop_text(rowid, name, text)
                VALUES (NEW.loop_id, (SELECT name FROM loop WHERE id = NEW.loop_id),
                        (SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(NEW.input_content) WHERE type = 'text'));
        END;

        CREATE TRIGGER loop_text_delete AFTER DELETE ON loop_input BEGIN
            DELETE FROM loop_text WHERE rowid = OLD.loop_id;
        END;
        """
}
