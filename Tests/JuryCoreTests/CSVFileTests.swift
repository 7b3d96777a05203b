import Foundation
import Testing
@testable import JuryCore

@Suite struct CSVFileTests {
    func fields(_ text: String) throws -> [[String]] {
        try CSVFile.records(Data(text.utf8)).map(\.fields)
    }

    @Test func plainRecordsWithLFOrCRLFAndNoFinalBreak() throws {
        #expect(try fields("worker,task,label\nw1,t1,cat\r\nw2,t1,dog") == [["worker", "task", "label"], ["w1", "t1", "cat"], ["w2", "t1", "dog"]])
    }

    @Test func quotedFieldsHoldCommasBreaksAndDoubledQuotes() throws {
        let records = try CSVFile.records(Data("a,\"x, \"\"y\"\"\nz\",c\nnext,\"\",\"plain\"\n".utf8))
        #expect(records.map(\.fields) == [["a", "x, \"y\"\nz", "c"], ["next", "", "plain"]])
        #expect(records.map(\.line) == [1, 3])
    }

    @Test func emptyFieldsBlankLinesAndTheByteOrderMark() throws {
        #expect(try fields("\u{FEFF}a,,b,\n\n,x\n") == [["a", "", "b", ""], ["", "x"]])
    }

    @Test func nonASCIITextIsKeptAsWritten() throws {
        #expect(try fields("Zoë,\"café, crème\",猫🐈") == [["Zoë", "café, crème", "猫🐈"]])
    }

    @Test(arguments: [
        ("a,b\nc,d\"e\n", 2, "a quote inside an unquoted field"),
        ("a,\"b\"c\n", 1, "text after a closing quote"),
        ("a,b\n\"c\nd,e\n", 2, "a quoted field that never closes"),
    ])
    func malformedInputNamesTheLine(text: String, line: Int, reason: String) {
        #expect { try CSVFile.records(Data(text.utf8)) } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.line == line && error.reason.hasPrefix(reason)
        }
    }

    @Test func invalidUTF8NamesTheLineAndOffset() {
        let data = Data("a,b\nc,".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8)
        #expect(throws: CSVError(line: 2, reason: "invalid UTF-8 at byte offset 6")) { try CSVFile.records(data) }
    }

    @Test func linesQuoteOnlyWhatNeedsIt() throws {
        let fields = ["plain", "a,b", "say \"hi\"", "two\nlines", "Zoë"]
        let line = CSVFile.line(fields)
        #expect(line == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",Zoë")
        #expect(try self.fields(line) == [fields])
    }
}
