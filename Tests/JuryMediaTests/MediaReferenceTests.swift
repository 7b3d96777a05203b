import Foundation
import JuryMedia
import Testing

@Suite struct MediaReferenceTests {
    private func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func findsRekognitionS3ObjectsUnderAiServiceRequest() throws {
        let input = try json(#"{"aiServiceRequest":{"Image":{"S3Object":{"Bucket":"ugc","Name":"a/b.jpg","Version":"7"}}}}"#)
        #expect(try MediaReference.inServiceRequest(input) == MediaReference(source: .s3(bucket: "ugc", key: "a/b.jpg", version: "7")))
    }

    @Test func findsTheLowerCamelCaseRequestOfARealA2IOutput() throws {
        let output = try json(String(contentsOf: URL(filePath: #filePath).deletingLastPathComponent()
            .appending(path: "../../fixtures/a2i/a2i-output-textract-forms.json"), encoding: .utf8))
        let expected = MediaReference(source: .s3(bucket: "textract-documentsbucket-sirajama", key: "inputDocuments/mr2.png", version: nil))
        #expect(try MediaReference.inServiceRequest(output) == expected)
    }

    @Test func findsTextractDocumentBytes() throws {
        let input = try json(#"{"Document":{"Bytes":"JVBERi0="}}"#)
        #expect(try MediaReference.inServiceRequest(input) == MediaReference(source: .bytes(Array("%PDF-".utf8))))
    }

    @Test func refusesBytesThatAreNotBase64AndSaysWhenThereIsNoMedia() throws {
        #expect(throws: MediaProblem.unsupported(detail: "Bytes is not base64")) {
            try MediaReference.inServiceRequest(try json(#"{"Image":{"Bytes":"***"}}"#))
        }
        #expect(try MediaReference.inServiceRequest(try json(#"{"taskObject":"s3://b/k"}"#)) == nil)
    }

    @Test func customPathValuesMayBeURIsOrImageObjects() throws {
        #expect(try MediaReference.fromValue("s3://b/k/x.png").source == .s3(bucket: "b", key: "k/x.png", version: nil))
        #expect(try MediaReference.fromValue("file:///tmp/a%20b.png").source == .path("/tmp/a b.png"))
        #expect(try MediaReference.fromValue("pics/x.png").source == .path("pics/x.png"))
        #expect(throws: MediaProblem.self) { try MediaReference.fromValue("https://example.com/x.png") }
        #expect(MediaSource(uri: "s3://bucket-only") == nil)
    }
}
