import Foundation
import JuryCore
import JuryJSON
import JuryService
import Testing

/// `jury export` through the service: each task type's "what changed", filters, who may export.
@Suite("Export of corrections")
struct ExportTests {
    private static let invoiceFields: [(String, String)] = [
        ("Invoice Number", "IN-2023-11106"), ("Invoice Date", "2024-10-27"), ("Due Date", "2024-11-27"), ("PO Number", "PO-44160"),
        ("Bill To", "Northwind Traders Ltd."), ("Customer ID", "C884020"), ("Subtotal", "13.644,16 €"), ("Tax 19%", "2.592,39 €"),
        ("Invoice Total", "16.236,55 €"), ("IBAN", "DE89 3704 0044 0532 0130 00"),
    ]

    @Test("classification: a changed category is one change, a confirmed one none")
    func classification() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        try queue.complete("ticket-0001", answers: Array(repeating: ExportQueue.category("refund"), count: 3))
        try queue.complete("ticket-0002", answers: Array(repeating: ExportQueue.category("shipping"), count: 3))
        let records = try queue.records()
        let changed = try #require(records["ticket-0001"])
        #expect(changed["changes"] == [["item": "label", "kind": "changed", "model": "billing", "human": "refund"]])
        #expect(changed["changed"] == true)
        #expect(changed["prediction"] == ["label": "billing", "confidence": 0.62])
        #expect(changed["answer"]?["label"] == "refund")
        #expect(changed["agreement"] == 1)
        #expect(changed["consensus"]?["value"] == "refund")
        #expect(changed["inputContent"] == (try queue.admitted("ticket-0001")))
        #expect(records["ticket-0002"]?["changes"] == [])
        #expect(records["ticket-0002"]?["changed"] == false)
    }

    @Test("moderation: labels people added and removed, per label")
    func moderation() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        let answer = ExportQueue.moderation([("Violence", ""), ("Alcohol", "")])
        try queue.complete("img-0005-hunting-trip", answers: [answer, answer, ExportQueue.moderation([("Violence", ""), ("Weapons", "Violence")])])
        let record = try #require(try queue.records()["img-0005-hunting-trip"])
        #expect(record["changes"] == [
            ["item": "Alcohol", "kind": "added", "model": "no", "human": "yes"],
            ["item": "Weapons", "kind": "removed", "model": "yes", "human": "no"],
        ])
        #expect(record["prediction"]?["labels"] == ["Violence", "Weapons"])
        #expect(record["answer"]?["labels"] == ["Alcohol", "Violence"])
    }

    @Test("forms: a changed value, a key the model did not find; spelling alone is no change; an unshown key left out is no decision")
    func form() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        var fields = Self.invoiceFields.filter { $0.0 != "PO Number" }
        fields[fields.firstIndex { $0.0 == "Due Date" }!].1 = "2024-12-27"
        fields[fields.firstIndex { $0.0 == "Invoice Total" }!].1 = "16236.55 €"
        fields.append(("Order Reference", "OR-7"))
        try queue.complete("inv-0003-cafe-muller", answers: Array(repeating: ExportQueue.form(fields), count: 3))
        let record = try #require(try queue.records()["inv-0003-cafe-muller"])
        #expect(record["changes"] == [
            ["item": "Due Date", "kind": "changed", "model": "2024-11-27", "human": "2024-12-27"],
            ["item": "Order Reference", "kind": "added", "model": nil, "human": "OR-7"],
        ])
        #expect(record["prediction"]?["fields"]?["Due Date"] == "2024-11-27")
        // PO Number was not on A2I's task screen (not in the selected response): leaving it out says nothing.
        #expect(record["prediction"]?["fields"]?["PO Number"] == "PO-44160")
        #expect(record["answer"]?["fields"]?["PO Number"] == nil)
    }

    @Test("forms: the shown key (the one its activation condition picked) left out by every reviewer is a missing value, beside the model's")
    func formMissing() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        let fields = Self.invoiceFields.filter { $0.0 != "PO Number" && $0.0 != "Invoice Date" }
        try queue.complete("inv-0003-cafe-muller", answers: Array(repeating: ExportQueue.form(fields), count: 3))
        let record = try #require(try queue.records()["inv-0003-cafe-muller"])
        #expect(record["changes"] == [["item": "Invoice Date", "kind": "missing", "model": "2024-10-27", "human": nil]])
        #expect(record["answer"]?["fields"]?["Invoice Date"] == .null)
    }

    @Test("free text: the edited text against the model's; an approved text changes nothing")
    func freeText() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        let model = try queue.modelText("llm-0001")
        try queue.complete("llm-0001", answers: Array(repeating: ExportQueue.freeText("Rotate with two keys."), count: 2))
        try queue.complete("llm-0002", answers: Array(repeating: ExportQueue.freeText(try queue.modelText("llm-0002"), decision: "approved"), count: 2))
        let records = try queue.records()
        #expect(records["llm-0001"]?["changes"] == [["item": "text", "kind": "changed", "model": .string(model), "human": "Rotate with two keys."]])
        #expect(records["llm-0002"]?["changes"] == [])
    }

    @Test("filters: flow, completion time and changed only")
    func filters() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        try queue.complete("ticket-0001", answers: Array(repeating: ExportQueue.category("refund"), count: 3))
        let middle = queue.time.now
        try queue.complete("ticket-0002", answers: Array(repeating: ExportQueue.category("shipping"), count: 3))
        try queue.complete("llm-0002", answers: Array(repeating: ExportQueue.freeText(try queue.modelText("llm-0002"), decision: "approved"), count: 2))
        var query = ExportQuery()
        query.flow = "tickets"
        #expect(Set(try queue.records(query: query).keys) == ["ticket-0001", "ticket-0002"])
        query.changedOnly = true
        #expect(Set(try queue.records(query: query).keys) == ["ticket-0001"])
        var window = ExportQuery()
        window.completedAfter = middle
        #expect(Set(try queue.records(query: window).keys) == ["ticket-0002", "llm-0002"])
        window.completedBefore = middle.addingTimeInterval(200)
        #expect(Set(try queue.records(query: window).keys) == ["ticket-0002"])
    }

    @Test("an export after the last record's completion time, as written in ISO 8601, leaves that record out")
    func completionLimitsAreExactMilliseconds() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        // A millisecond whose ISO 8601 form parses back to a time a hair below it.
        let start = Timestamp.milliseconds(queue.time.now) + 180_000
        let completed = try #require((start..<(start + 1_000)).first { ms in
            Timestamp.parse(Timestamp.iso8601(milliseconds: ms)).map(Timestamp.milliseconds) != ms
        })
        queue.time.advance(by: (Double(completed - start) + 0.5) / 1000)
        try queue.complete("ticket-0001", answers: Array(repeating: ExportQueue.category("refund"), count: 3))
        #expect(try queue.service.ledger.correctionPage(ExportQuery()).records.map(\.completedAt) == [completed])
        var after = ExportQuery(), before = ExportQuery()
        after.completedAfter = try #require(Timestamp.parse(Timestamp.iso8601(milliseconds: completed)))
        #expect(try queue.records(query: after).isEmpty)
        before.completedBefore = try #require(Timestamp.parse(Timestamp.iso8601(milliseconds: completed + 1)))
        #expect(Set(try queue.records(query: before).keys) == ["ticket-0001"])
    }

    @Test("leads export their teams' loops, the owner every loop, reviewers nothing")
    func whoMayExport() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        try queue.complete("ticket-0002", answers: Array(repeating: ExportQueue.category("shipping"), count: 3))
        try queue.complete("llm-0002", answers: Array(repeating: ExportQueue.freeText(try queue.modelText("llm-0002"), decision: "approved"), count: 2))
        #expect(Set(try queue.records().keys) == ["ticket-0002", "llm-0002"])
        #expect(Set(try queue.records(as: "lena").keys) == ["ticket-0002", "llm-0002"])
        #expect(Set(try queue.records(as: "carl").keys) == ["llm-0002"])
        #expect(throws: JuryError.forbidden("only leads and the queue's owner may export verdicts; ana leads no team in \(queue.directory.workforceURL.path)")) {
            try queue.records(as: "ana")
        }
    }

    @Test("a page size out of range is refused")
    func pageSize() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        var query = ExportQuery()
        query.pageSize = 0
        #expect(throws: JuryError.invalidInput("the export page size must be 1 to 1000")) { try queue.client().exportPage(query) }
    }
}

extension ExportQueue {
    /// The InputContent the demo file `loop` carries.
    func admitted(_ loop: String) throws -> JSONValue? {
        try HumanLoopRequest.parse(Data(contentsOf: Self.demo.appending(path: "loops/\(loop).json"))).input
    }

    func modelText(_ loop: String) throws -> String { try admitted(loop)?[AnswerContent.modelTextMember]?.stringValue ?? "" }
}
