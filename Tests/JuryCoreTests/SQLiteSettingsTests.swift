import GRDB
import Testing
@testable import JuryCore

@Suite struct SQLiteSettingsTests {
    @Test("once a connection was opened, the process-wide setting says it changed nothing")
    func theSettingReportsThatItIsTooLateAfterAConnection() throws {
        let database = try DatabaseQueue()
        let one = try database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
        #expect(one == 1)
        #expect(SQLiteSettings.applyBeforeFirstConnection() == false)
    }
}
