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
}
