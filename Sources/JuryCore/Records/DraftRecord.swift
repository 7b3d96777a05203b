import Foundation
import GRDB

/// A row of `draft`: one reviewer's unsent verdict on a loop, as the workstation's opaque bytes.
struct DraftRecord: Codable, ColumnDecodable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "draft"

    let reviewer: String
    let loop: String
    let body: Data
    /// ms since 1970, by the service's clock.
    let savedAt: Int64

    enum CodingKeys: String, CodingKey {
        case reviewer, loop, body
        case savedAt = "saved_at"
    }

    init(columns source: some ColumnSource) throws {
        reviewer = try source.column(CodingKeys.reviewer)
        loop = try source.column(CodingKeys.loop)
        body = try source.column(CodingKeys.body)
        savedAt = try source.column(CodingKeys.savedAt)
    }

    init(row: Row) throws { try self.init(columns: row) }

    var storedDraft: StoredDraft { StoredDraft(loop: loop, body: body, savedAt: savedAt) }
}
