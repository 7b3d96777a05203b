/// `jury export`'s loop: asks a queue client for one page of corrections at a time and hands its lines to
/// `write` before asking for the next, so an export of any size holds one page.
public enum CorrectionExport {
    /// Writes the export of `query` in `format` through `write`, which receives each page's text (its lines,
    /// each ending in a line break; the header first).
    /// - Returns: the records written.
    /// - Throws: what the client or `write` throws; pages already written stay written.
    @discardableResult
    public static func run(_ client: any QueueClient, query: ExportQuery, format: CorrectionFormat, labelAttribute: String = "label",
                           write: (String) throws -> Void) throws -> Int {
        if let header = format.header { try write(header + "\n") }
        var query = query
        var written = 0
        repeat {
            let page = try client.exportPage(query)
            let lines = page.records.flatMap { format.lines($0, labelAttribute: labelAttribute) }
            if !lines.isEmpty { try write(lines.joined(separator: "\n") + "\n") }
            written += page.records.count
            query.after = page.next
        } while query.after != nil
        return written
    }
}
