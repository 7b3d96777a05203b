import GRDB

extension Ledger {
    /// Migration 8: `output_generation` counts the times a loop's output was made pending (a trigger
    /// bumps it, whichever code does so). `writePendingOutputs` marks an output written only for the
    /// generation it wrote, so a recomputed consensus that lands while an older one is being written
    /// leaves the loop pending and gets written next, never shadowed by the older file.
    static let schemaVersion8 = """
        ALTER TABLE loop ADD COLUMN output_generation INTEGER NOT NULL DEFAULT 0;

        CREATE TRIGGER loop_output_generation AFTER UPDATE OF output_state ON loop WHEN NEW.output_state = 'pending' BEGIN
            UPDATE loop SET output_generation = output_generation + 1 WHERE id = NEW.id;
        END;
        """
}
