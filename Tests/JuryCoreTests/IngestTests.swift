import Foundation
import Testing
@testable import JuryCore
import JuryJSON

@Suite struct IngestTests {
    let queue: TestQueue

    init() throws { queue = try TestQueue() }

    private func request(_ name: String, input: JSONValue = ["prediction": ["confidence": 0.3]], flow: String = "tickets") -> Data {
        HumanLoopRequest(name: name, flowName: flow, input: input).json.encoded()
    }

    private func rejectionCodes(_ report: IngestReport) -> [String: Rejection.Code] {
        Dictionary(uniqueKeysWithValues: report.rejected.map { ($0.file, $0.rejection.code) })
    }

    private func ingest() throws -> IngestReport { try Ingest(ledger: queue.ledger(), flows: queue.flows).run() }

    @Test func everyMalformedFileIsRejectedWithItsReasonAndTheOthersStillGoIn() throws {
        try queue.dropRaw(Data("{\"HumanLoopName\": ".utf8), as: "truncated.json")
        try queue.dropRaw(Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]), as: "bytes.json")
        try queue.dropRaw(Data(#"{"HumanLoopName":"a","FlowDefinitionName":"tickets","HumanLoopInput":{"InputContent":7}}"#.utf8), as: "schema.json")
        try queue.dropRaw(request("Bad_Name"), as: "name.json")
        try queue.dropRaw(request(String(repeating: "a", count: 64)), as: "long.json")
        try queue.dropRaw(request("fine-name", flow: "nope"), as: "flow.json")
        try queue.dropRaw(Data(repeating: 0x20, count: Ingest.maximumFileBytes + 1), as: "huge.json")
        try queue.dropRaw(request("not-json-name"), as: "notes.txt")
        try queue.dropRaw(request("good-one"), as: "good.json")
        let outside = queue.directory.root.appending(path: "outside.json")
        try request("linked").write(to: outside)
        try FileManager.default.createSymbolicLink(at: queue.directory.inboxURL.appending(path: "link.json"), withDestinationURL: outside)

        let report = try ingest()

        #expect(report.created == ["good-one"])
        #expect(rejectionCodes(report) == [
            "truncated.json": .notJSON, "bytes.json": .invalidUTF8, "schema.json": .wrongSchema, "name.json": .badName,
            "long.json": .badName, "flow.json": .unknownFlow, "huge.json": .tooLarge, "notes.txt": .notJSONFileName, "link.json": .symlink,
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: queue.directory.inboxURL.path).isEmpty)
    }

    @Test func aRequestOfMoreValuesThanItsMembersNeedIsRefusedBeforeTheyAreBuilt() throws {
        let values = Array(repeating: "1", count: HumanLoopRequest.maximumRequestValues).joined(separator: ",")
        let junk = #"{"HumanLoopName": "junk", "FlowDefinitionName": "tickets", "HumanLoopInput": {"InputContent": "{}"}, "Junk": [\#(values)]}"#
        try queue.dropRaw(Data(junk.utf8), as: "junk.json")
        let report = try ingest()
        #expect(report.created.isEmpty)
        #expect(report.rejected.first?.rejection == Rejection(
            .tooLarge, "the document holds \(HumanLoopRequest.maximumRequestValues + 6) JSON values; at most \(HumanLoopRequest.maximumRequestValues) are read"))
    }

    @Test func rejectedFilesKeepTheirBytesWithAReasonBeside() throws {
        let original = Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])
        try queue.dropRaw(original, as: "bytes.json")
        _ = try ingest()
        let kept = queue.directory.rejectedURL.appending(path: "bytes.json")
        #expect(try Data(contentsOf: kept) == original)
        let reason = try JSONValue.parse(Data(contentsOf: queue.directory.rejectedURL.appending(path: "bytes.json.reason.json")))
        #expect(reason["code"] == "invalid-utf8")
        #expect(reason["reason"]?.stringValue?.contains("byte offset 6") == true)
    }

    @Test func dataAttributesWithoutContentClassifiersAreRefusedAsA2IRefusesThem() throws {
        let request = { (attributes: JSONValue) in
            HumanLoopRequest(name: "attributes", flowName: "tickets", input: ["prediction": ["confidence": 0.3]]).json
                .setting(["DataAttributes"], to: attributes).encoded()
        }
        #expect(throws: Rejection(.wrongSchema, "required when DataAttributes is given (A2I's rule): an array of FreeOfPersonallyIdentifiableInformation, FreeOfAdultContent",
                                  at: JSONPath.root.appending("DataAttributes").appending("ContentClassifiers"))) {
            try HumanLoopRequest.parse(request([:]))
        }
        #expect(throws: Rejection(.wrongSchema, "must be an object holding ContentClassifiers, not array", at: JSONPath.root.appending("DataAttributes"))) {
            try HumanLoopRequest.parse(request([]))
        }
        #expect(try HumanLoopRequest.parse(request(["ContentClassifiers": []])).contentClassifiers.isEmpty)
    }

    @Test("InputContent's limit counts UTF-16 units, as A2I does: combining marks count, though they join a letter")
    func inputContentIsMeasuredInUTF16Units() throws {
        let half = HumanLoopRequest.maximumInputContentLength / 2
        let request = { (text: String) in
            HumanLoopRequest(name: "accents", flowName: "tickets", input: ["text": .string(text), "prediction": ["confidence": 0.3]]).json.encoded()
        }
        let accents = String(repeating: "e\u{301}", count: half)
        #expect(accents.count == half)
        #expect {
            try HumanLoopRequest.parse(request(accents))
        } throws: { error in
            guard let rejection = error as? Rejection else { return false }
            return rejection.code == .tooLarge && rejection.path?.description == "$.HumanLoopInput.InputContent"
        }
        #expect(try HumanLoopRequest.parse(request(String(repeating: "e\u{301}", count: half - 100))).name == "accents")
    }

    @Test("FlowDefinitionArn must be a flow definition's ARN, as A2I requires; a bare name or another resource's ARN is refused")
    func flowDefinitionARNsAreChecked() throws {
        let request = { (arn: JSONValue) in
            HumanLoopRequest(name: "by-arn", flowName: "tickets", input: ["prediction": ["confidence": 0.3]]).json
                .setting(["FlowDefinitionArn"], to: arn).encoded()
        }
        let refusal = Rejection(.wrongSchema, "must be a flow definition's ARN, arn:aws:sagemaker:REGION:ACCOUNT:flow-definition/NAME (A2I's form)",
                                at: JSONPath.root.appending("FlowDefinitionArn"))
        for arn in ["tickets", "arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/tickets", "arn:aws:sagemaker:us-east-1:1111:flow-definition/tickets",
                    "arn:aws:sagemaker:us-east-1:111122223333:flow-definition/"] {
            #expect(throws: refusal, "\(arn)") { try HumanLoopRequest.parse(request(.string(arn))) }
        }
        #expect(throws: Rejection(.wrongSchema, "must be a string, not number", at: JSONPath.root.appending("FlowDefinitionArn"))) {
            try HumanLoopRequest.parse(request(5))
        }
        for arn in ["arn:aws:sagemaker:us-east-1:111122223333:flow-definition/tickets", "arn:aws-cn:sagemaker:cn-north-1:111122223333:flow-definition/tickets"] {
            #expect(try HumanLoopRequest.parse(request(.string(arn))).flowName == "tickets")
        }
    }

    @Test func schemaErrorsNameTheJSONPath() throws {
        try queue.dropRaw(request("listed", input: .array([])), as: "array.json")
        let report = try ingest()
        #expect(report.rejected.first?.rejection.code == .wrongSchema)
        #expect(report.rejected.first?.rejection.path?.description == "$.HumanLoopInput.InputContent")
    }

    @Test func aMemberNamedTwiceRejectsTheRequestNamingIt() throws {
        let content = #"{"prediction": {"confidence": 0.3, "confidence": 0.9}}"#
        let request: JSONValue = ["HumanLoopName": "twice", "FlowDefinitionName": "tickets", "HumanLoopInput": ["InputContent": .string(content)]]
        try queue.dropRaw(request.encoded(), as: "inner.json")
        try queue.dropRaw(Data(#"{"HumanLoopName": "a", "HumanLoopName": "b"}"#.utf8), as: "outer.json")
        let report = try ingest()
        #expect(rejectionCodes(report) == ["inner.json": .duplicateKey, "outer.json": .duplicateKey])
        let inner = try #require(report.rejected.first { $0.file == "inner.json" }?.rejection)
        #expect(inner.path?.description == "$.HumanLoopInput.InputContent")
        #expect(inner.reason == #"InputContent: member "confidence" appears twice in one object: line 1, column 36"#)
        #expect(report.created.isEmpty)
    }

    @Test func sameNameSameContentIsIdempotentAndOtherContentIsAConflict() throws {
        try queue.dropRaw(request("loop-1"), as: "first.json")
        #expect(try ingest().created == ["loop-1"])
        try queue.dropRaw(request("loop-1"), as: "again.json")
        #expect(try ingest().duplicates == ["loop-1"])
        try queue.dropRaw(request("loop-1", input: ["prediction": ["confidence": 0.9]]), as: "other.json")
        let report = try ingest()
        #expect(rejectionCodes(report) == ["other.json": .conflict])
        #expect(try queue.ledger().list(LoopQuery()).loops.map(\.name) == ["loop-1"])
    }

    @Test func batchesEndAtTheirCountOrByteBudgetAndEveryFileStillGoesIn() throws {
        let names = (0..<7).map { "loop-\($0)" }
        for name in names { try queue.dropRaw(request(name), as: "\(name).json") }
        try queue.dropRaw(Data("bad".utf8), as: "loop-3-bad.json")
        let byBytes = try Ingest(ledger: queue.ledger(), flows: queue.flows, batchBytes: 1).run()
        #expect(byBytes.created == names && rejectionCodes(byBytes) == ["loop-3-bad.json": .notJSON])
        for name in names { try queue.dropRaw(request(name), as: "\(name).json") }
        #expect(try Ingest(ledger: queue.ledger(), flows: queue.flows, batchSize: 2).run().duplicates == names)
    }

    @Test("the inbox is taken a slice of names at a time, in byte order across the slices, every file once")
    func slicesTakeEveryFileInOrder() throws {
        let names = (0..<7).map { "loop-\($0)" }
        for name in names.reversed() { try queue.dropRaw(request(name), as: "\(name).json") }
        try queue.dropRaw(Data("bad".utf8), as: "loop-3-bad.json")
        try queue.dropRaw(request("hidden"), as: ".hidden.json.tmp")
        let report = try Ingest(ledger: queue.ledger(), flows: queue.flows, sliceSize: 3).run()
        #expect(report.created == names && rejectionCodes(report) == ["loop-3-bad.json": .notJSON])
        #expect(try FileName.entries(of: queue.directory.inboxURL).map(\.text) == [".hidden.json.tmp"])
    }

    @Test("a slice of a folder is the first names in byte order after the one given, whatever the order they are read in")
    func folderSlices() throws {
        let folder = queue.directory.root.appending(path: "slices")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = ["b", "a\u{0301}", "c", "aa", "z", ".x", "a"]
        for name in names { try Data().write(to: folder.appending(path: name)) }
        let sorted = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(try FileNameList(of: folder).map(\.text) == sorted)
        #expect(try FileNameList(of: folder, limit: 2).map(\.text) == Array(sorted.prefix(2)))
        #expect(try FileNameList(of: folder, after: FileName("aa"), limit: 3).map(\.text) == ["a\u{0301}", "b", "c"])
        #expect(try FileNameList(of: folder, after: FileName("z"), limit: 3).isEmpty)
        #expect(try FileNameList(of: folder, limit: 1) { $0.first != UInt8(ascii: ".") }.map(\.text) == ["a"])
    }

    @Test("the inbox holds files when a name does not start with a dot, compared as bytes; temporaries alone are none")
    func inboxHoldsFilesByByteNames() throws {
        #expect(try !queue.directory.inboxHoldsFiles())
        try queue.dropRaw(Data("{}".utf8), as: ".\u{301}half.json.tmp")
        #expect(try !queue.directory.inboxHoldsFiles())
        try queue.dropRaw(Data("{}".utf8), as: "\u{301}.json")
        #expect(try queue.directory.inboxHoldsFiles())
    }

    @Test func temporaryFilesAreLeftForTheirProducer() throws {
        try queue.dropRaw(request("half-written"), as: ".half-written.json.tmp")
        let report = try ingest()
        #expect(report.created.isEmpty && report.rejected.isEmpty)
        #expect(FileManager.default.fileExists(atPath: queue.directory.inboxURL.appending(path: ".half-written.json.tmp").path))
    }

    @Test func admissionRecordsTheLowestConfidenceAndTheActivationResults() throws {
        try queue.submit(["low"], confidence: 0.42)
        let described = try queue.ledger().describe(loop: "low")
        #expect(described["Jury"]?["MinimumModelConfidence"]?.numberValue.map { abs($0 - 42) < 1e-9 } == true)
        #expect(described["Jury"]?["HumanTaskActivationConditionResults"]?["Conditions"]?[0]?["EvaluationResult"] == .bool(true))
    }
}

/// Numbers a model's response carries that no service gives are refused at admission, with where they are.
@Suite struct ModelNumberTests {
    @Test("page numbers that are not whole numbers from 1 and confidences outside their scale reject the request, naming the member")
    func outOfRangeModelNumbersRejectTheRequest() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(), A2IMaterial.awsFlow(name: "forms", source: .textractForms),
                                          A2IMaterial.awsFlow(name: "images", source: .rekognitionModeration)])
        let key: JSONValue = ["BlockType": "KEY_VALUE_SET", "Id": "k", "EntityTypes": ["KEY"], "Page": 2, "Confidence": 87.5]
        let drop = { (file: String, flow: String, input: JSONValue) in
            try queue.dropRaw(HumanLoopRequest(name: file, flowName: flow, input: input).json.encoded(), as: "\(file).json")
        }
        try drop("page", "forms", ["aiServiceResponse": ["Blocks": [key.setting(["Page"], to: 1e19)]]])
        try drop("pages", "forms", ["aiServiceResponse": ["DocumentMetadata": ["Pages": 0], "Blocks": [key]]])
        try drop("word", "forms", ["aiServiceResponse": ["blocks": [key, ["BlockType": "WORD", "Id": "w", "Confidence": 100.5]]]])
        try drop("label", "images", ["aiServiceResponse": ["ModerationLabels": [["Name": "Violence", "Confidence": 1e19]]]])
        try drop("fraction", "tickets", ["prediction": ["confidence": 1.5]])
        try drop("fine", "forms", ["aiServiceResponse": ["DocumentMetadata": ["Pages": 2], "Blocks": [key]]])
        try drop("sure", "images", ["aiServiceResponse": ["ModerationLabels": [["Name": "Violence", "Confidence": 100]]]])

        let report = try Ingest(ledger: queue.ledger(), flows: queue.flows).run()

        #expect(report.created.sorted() == ["fine", "sure"])
        let input = "wrong-schema: $.HumanLoopInput.InputContent"
        #expect(Dictionary(uniqueKeysWithValues: report.rejected.map { ($0.file, $0.rejection.description) }) == [
            "page.json": "\(input).aiServiceResponse.Blocks[0].Page: a page number must be a whole number from 1",
            "pages.json": "\(input).aiServiceResponse.DocumentMetadata.Pages: a page count must be a whole number from 1",
            "word.json": "\(input).aiServiceResponse.Blocks[1].Confidence: a model confidence must be a number from 0 to 100",
            "label.json": "\(input).aiServiceResponse.ModerationLabels[0].Confidence: a model confidence must be a number from 0 to 100",
            "fraction.json": "\(input): the model confidence 1.5 at the flow's ConfidencePath $.prediction.confidence is not from 0 to 1",
        ])
    }
}

/// The files in `ingested/`'s batch folders, as `FOLDER/FILE`, sorted.
func archivedFiles(of queue: QueueDirectory) throws -> [String] {
    let manager = FileManager.default
    return try manager.contentsOfDirectory(atPath: queue.ingestedURL.path).filter { !$0.hasPrefix(".") }.flatMap { folder in
        try manager.contentsOfDirectory(atPath: queue.ingestedURL.appending(path: folder).path).map { "\(folder)/\($0)" }
    }.sorted()
}

@Suite struct PruneTests {
    @Test func pruneRemovesOnlyIngestedFilesOlderThanTheCutoffAndTheBatchFoldersItEmpties() throws {
        let queue = try TestQueue()
        try queue.submit(["old", "new"])
        let files = try archivedFiles(of: queue.directory)
        #expect(files.count == 2)
        let old = try #require(files.first { $0.contains("old") })
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -10 * 86_400)],
                                              ofItemAtPath: queue.directory.ingestedURL.appending(path: old).path)
        #expect(try queue.directory.pruneIngested(before: Date(timeIntervalSinceNow: -7 * 86_400)) == 1)
        #expect(try archivedFiles(of: queue.directory) == files.filter { $0 != old })
        #expect(try queue.ledger().describe(loop: "old")["HumanLoopName"] == "old")

        #expect(try queue.directory.pruneIngested(before: Date(timeIntervalSinceNow: 60)) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: queue.directory.ingestedURL.path) == [".moving"])
    }
}

/// Loops remember the flow definition they were created under, one `flow_version` row per definition.
@Suite struct FlowVersionTests {
    @Test func anUnchangedFlowKeepsItsVersionAcrossTransactionsAndAChangedOneGetsAnother() throws {
        let queue = try TestQueue()
        let ledger = try queue.ledger()
        let original = try #require(queue.flows["tickets"])
        var changed = original
        changed.storedForm = TestQueue.classificationFlow(taskCount: 2)
        func admit(_ name: String, _ flow: FlowDefinition) throws -> Int64 {
            let request = HumanLoopRequest(name: name, flowName: "tickets", input: ["text": "a ticket"])
            _ = try ledger.admit([try LoopAdmission(request: request, flow: flow)])
            return try #require(try ledger.database.read { db in
                try Int64.fetchOne(db, sql: "SELECT flow_version FROM loop WHERE name = ?", arguments: [name])
            })
        }
        let first = try admit("a", original)
        #expect(try admit("b", original) == first)
        let second = try admit("c", changed)
        #expect(second != first)
        #expect(try admit("d", original) == first)
        let rows = try ledger.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM flow_version") }
        #expect(rows == 2)
    }
}

@Suite struct InboxChangeTests {
    let queue: TestQueue

    init() throws { queue = try TestQueue() }

    private func request(_ name: String) -> Data {
        HumanLoopRequest(name: name, flowName: "tickets", input: ["prediction": ["confidence": 0.3]]).json.encoded()
    }

    private var inbox: URL { queue.directory.inboxURL }

    /// The entries of `folder` but `.moving` (in `ingested/` and `rejected/`), sorted.
    private func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".moving" }.sorted()
    }

    /// Puts `data` in place of inbox file `file` as producers do: a new file renamed over the old name.
    private func replace(_ file: String, with data: Data) throws {
        let temporary = inbox.appending(path: ".\(file).tmp")
        try data.write(to: temporary)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: temporary.path)
        #expect(rename(temporary.path, inbox.appending(path: file).path) == 0)
    }

    @Test func aFileStillBeingWrittenIsLeftInTheInboxUntilItIsCompleteOrSettles() throws {
        let growing = inbox.appending(path: "growing.json")
        try Data(#"{"HumanLoopName": "gro"#.utf8).write(to: growing)
        // An hour to settle, so that the first pass finds the file unsettled however slowly it runs.
        let ingest = Ingest(ledger: try queue.ledger(), flows: queue.flows, settleInterval: .seconds(3600))

        let early = try ingest.run()
        #expect(early.created.isEmpty && early.rejected.isEmpty)
        #expect(early.left.map(\.file) == ["growing.json"])
        #expect(early.left.first?.reason.hasPrefix("still being written (not valid JSON") == true)
        #expect(try names(in: inbox) == ["growing.json"])

        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3601)], ofItemAtPath: growing.path)
        let settled = try ingest.run()
        #expect(settled.left.isEmpty && settled.rejected.map(\.file) == ["growing.json"])
        #expect(settled.rejected.first?.rejection.code == .notJSON)
    }

    @Test func aFinishedFileIsTakenAtOnceHoweverRecentlyItWasWritten() throws {
        try request("fresh").write(to: inbox.appending(path: "fresh.json"))
        let report = try Ingest(ledger: try queue.ledger(), flows: queue.flows).run()
        #expect(report.created == ["fresh"] && report.left.isEmpty)
    }

    @Test func aFileThatTookTheNameOfTheOneReadGoesBackToTheInboxInsteadOfBeingArchived() throws {
        try replace("reused.json", with: request("first"))
        let name = FileName("reused.json")
        let read = try InboxFile.read(name, in: FolderPath(inbox), limit: Ingest.maximumFileBytes)
        try replace("reused.json", with: request("second"))

        let ingest = Ingest(ledger: try queue.ledger(), flows: queue.flows)
        try ingest.archive([Ingest.ReadFile(name: name, identity: read.identity)])

        #expect(try names(in: queue.directory.ingestedURL).isEmpty)
        #expect(try Data(contentsOf: inbox.appending(path: "reused.json")) == request("second"))
        #expect(try ingest.run().created == ["second"])
    }

    @Test func filesACrashLeftBeingMovedGoBackToTheInboxAndAreIngestedOrArchivedAsDuplicates() throws {
        try replace("stored.json", with: request("stored"))
        let ledger = try queue.ledger()
        #expect(try Ingest(ledger: ledger, flows: queue.flows).run().created == ["stored"])
        let moving = queue.directory.movingURL
        // As if an ingest died between taking a file into `.moving/` and archiving or returning it:
        // one whose loop it had stored, and a newer one that had taken the name of a file it read.
        let archived = try archivedFiles(of: queue.directory)
        #expect(archived.count == 1)
        #expect(rename(queue.directory.ingestedURL.appending(path: archived[0]).path, moving.appending(path: "stored.json").path) == 0)
        try request("newer").write(to: moving.appending(path: "reused.json"))
        let refused = queue.directory.rejectingURL.appending(path: "refused.json")
        try Data("not json".utf8).write(to: refused)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: refused.path)

        let report = try Ingest(ledger: ledger, flows: queue.flows).run()

        #expect(report.created == ["newer"] && report.duplicates == ["stored"] && report.rejected.map(\.file) == ["refused.json"])
        #expect(try names(in: moving).isEmpty && names(in: queue.directory.rejectingURL).isEmpty && names(in: inbox).isEmpty)
        #expect(try archivedFiles(of: queue.directory).map { $0.split(separator: "/").last! } == ["reused.json", "stored.json"])
        #expect(try names(in: queue.directory.rejectedURL) == ["refused.json", "refused.json.reason.json"])
    }

    @Test("a long name and one that is not UTF-8 go through .moving/ byte for byte, so a crash there gives each its own name back")
    func heldFilesKeepTheirVeryNames() throws {
        let long = String(repeating: "a", count: 240) + ".json"
        try replace(long, with: request("long"))
        let ledger = try queue.ledger()
        #expect(try Ingest(ledger: ledger, flows: queue.flows).run().created == ["long"])
        let archived = try #require(try archivedFiles(of: queue.directory).first)
        #expect(archived.split(separator: "/").last.map(String.init) == long)
        // As if an ingest died with both files held in `.moving/`, as it holds them.
        #expect(rename(queue.directory.ingestedURL.appending(path: archived).path, queue.directory.movingURL.appending(path: long).path) == 0)
        let strange = FileName(bytes: Array("b".utf8) + [0xFF] + Array(".json".utf8))
        let held = strange.path(in: FolderPath(queue.directory.rejectingURL))
        let descriptor = open(held, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(descriptor >= 0)
        _ = request("strange").withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)

        let report = try Ingest(ledger: ledger, flows: queue.flows).run()

        #expect(report.created.isEmpty && report.duplicates == ["long"])
        #expect(report.rejected.map(\.rejection.code) == [.fileNameNotUTF8])
        #expect(try names(in: queue.directory.movingURL).isEmpty && names(in: queue.directory.rejectingURL).isEmpty && names(in: inbox).isEmpty)
    }

    @Test func aStoredBatchIsArchivedTogetherInAFolderNamedByTheLedgersTime() throws {
        for name in ["a", "b", "c"] { try replace("\(name).json", with: request(name)) }
        #expect(try Ingest(ledger: try queue.ledger(), flows: queue.flows).run().created.sorted() == ["a", "b", "c"])
        let archived = try archivedFiles(of: queue.directory)
        #expect(archived.map { $0.split(separator: "/").last! } == ["a.json", "b.json", "c.json"])
        let folders = Set(archived.map { $0.split(separator: "/").first! })
        #expect(folders.count == 1)
        #expect(folders.first!.wholeMatch(of: /[0-9]{8}T[0-9]{6}\.[0-9]{3}Z/) != nil, "\(folders)")
    }

    @Test func aRejectionWhoseFileIsTakenAwayBeforeItIsMovedKeepsNothing() throws {
        try replace("gone.json", with: Data("not json".utf8))
        let name = FileName("gone.json")
        let read = try InboxFile.read(name, in: FolderPath(inbox), limit: Ingest.maximumFileBytes)
        #expect(unlink(inbox.appending(path: "gone.json").path) == 0)

        let kept = try RejectedFolder(queue: queue.directory, now: Date()).keep(name, because: Rejection(.notJSON, "not JSON"), expecting: read.identity)

        #expect(!kept)
        #expect(try names(in: queue.directory.rejectedURL).isEmpty && names(in: queue.directory.rejectingURL).isEmpty)
    }

    @Test func aReturnedFileWhoseNameWasTakenAgainGetsANumberedName() throws {
        try replace("again.json", with: request("second"))
        let ingest = Ingest(ledger: try queue.ledger(), flows: queue.flows)
        let archived = queue.directory.ingestedURL.appending(path: "again.json")
        #expect(rename(inbox.appending(path: "again.json").path, archived.path) == 0)
        try replace("again.json", with: request("third"))

        try FileMove.returnToInbox(FileName("again.json").path(in: FolderPath(queue.directory.ingestedURL)), inbox: FolderPath(inbox), as: FileName("again.json"))

        #expect(try names(in: inbox) == ["again.1.json", "again.json"])
        #expect(try Data(contentsOf: inbox.appending(path: "again.1.json")) == request("second"))
        #expect(Set(try ingest.run().created) == ["second", "third"])
    }

    @Test func aRejectionWhoseNameNowLeadsToANewerFileKeepsNothingAndReturnsTheNewerFile() throws {
        try replace("bad.json", with: Data("not json".utf8))
        let name = FileName("bad.json")
        let read = try InboxFile.read(name, in: FolderPath(inbox), limit: Ingest.maximumFileBytes)
        try replace("bad.json", with: request("fixed"))

        let kept = try RejectedFolder(queue: queue.directory, now: Date()).keep(name, because: Rejection(.notJSON, "not JSON"), expecting: read.identity)

        #expect(!kept)
        #expect(try names(in: queue.directory.rejectedURL).isEmpty)
        #expect(try Data(contentsOf: inbox.appending(path: "bad.json")) == request("fixed"))
    }

    @Test func runningOutOfDescriptorsOrMemoryLeavesTheFileForLaterWhileOtherErrorsRefuseIt() {
        for code in [EMFILE, ENFILE, ENOMEM, EAGAIN] {
            #expect(InboxFile.failure("cannot open", code: code) == .unavailable("cannot open: \(String(cString: strerror(code)))"))
        }
        #expect(InboxFile.failure("cannot open", code: EACCES) == .refused(Rejection(.notRegularFile, "cannot open: Permission denied")))
    }
}

@Suite struct IngestReportTests {
    @Test func aReportListsAtMostItsLimitOfEachKindButCountsThemAll() {
        var first = IngestReport(), second = IngestReport()
        for index in 0..<700 {
            first.noteCreated("a-\(index)")
            second.noteCreated("b-\(index)")
            second.noteRejected("r-\(index).json", Rejection(.notJSON, "not JSON"))
        }
        first.noteLeft("l.json", "still being written")
        first.append(second)

        #expect(first.createdCount == 1_400 && first.created.count == IngestReport.listLimit)
        #expect(first.created.first == "a-0" && first.created.last == "b-\(IngestReport.listLimit - 701)")
        #expect(first.rejectedCount == 700 && first.rejected.count == 700)
        #expect(first.leftCount == 1 && first.left.map(\.file) == ["l.json"])
        #expect(first.duplicateCount == 0 && first.duplicates.isEmpty)
    }
}
