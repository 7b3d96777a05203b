import Foundation
import JuryCore
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test("ISO 8601 times carry the stored millisecond exactly, for every millisecond of a second")
    func exactMilliseconds() throws {
        let base: Int64 = 1_796_171_415_000
        for offset in Int64(0)..<1_000 {
            let text = Timestamp.iso8601(milliseconds: base + offset)
            #expect(text.hasSuffix(String(format: ".%03dZ", offset)), "\(text)")
            let parsed = try #require(Timestamp.parse(text))
            #expect(Int64((parsed.timeIntervalSince1970 * 1000).rounded()) == base + offset)
        }
        #expect(Timestamp.iso8601(milliseconds: 1_440_938_160_007) == "2015-08-30T12:36:00.007Z")
        #expect(Timestamp.iso8601(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
    }

    @Test("UTC fields agree with Foundation's Gregorian calendar from 1900 to 2200, leap days and times before 1970 included")
    func utcFieldsAgreeWithTheCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let span: Int64 = 9_467_280_000_000  // 300 years of milliseconds, from 1900-01-01
        let moments = (0..<3_000).map { _ -> Int64 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return -2_208_988_800_000 + Int64(state >> 1) % span
        } + [-1, 0, 951_782_400_000, 951_868_799_999, 4_107_542_400_000]  // 2000-02-29, its last millisecond, 2100-03-01
        for moment in moments {
            let fields = UTCFields(milliseconds: moment)
            let date = Date(timeIntervalSince1970: Double(moment.quotientAndRemainder(dividingBy: 1000).quotient
                - (moment % 1000 < 0 ? 1 : 0)))
            let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            #expect([fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second]
                == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second], "\(moment)")
            #expect(fields.millisecond == Int((moment % 1000 + 1000) % 1000))
        }
        #expect(Timestamp.iso8601(milliseconds: 951_868_799_999) == "2000-02-29T23:59:59.999Z")
        #expect(Timestamp.iso8601(milliseconds: -2_208_988_800_000) == "1900-01-01T00:00:00.000Z")
    }
}
