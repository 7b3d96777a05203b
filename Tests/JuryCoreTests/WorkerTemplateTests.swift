import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// The real worker templates of AWS's A2I samples (fixtures/a2i/templates): each is read into the task
/// it describes, evaluated per loop, or refused with a named reason.
@Suite struct WorkerTemplateTests {
    static func source(_ name: String) throws -> String {
        try String(contentsOf: A2IMaterial.folder.appending(path: "templates/\(name)"), encoding: .utf8)
    }

    private static func read(_ name: String) throws -> (template: WorkerTemplate?, problems: [String]) {
        let reading = WorkerTemplate.read(try source(name))
        return (reading.template, reading.problems.map { "\($0.isError ? "error" : "warning"): \($0)" })
    }

    @Test func theSentimentClassifierShowsItsHeaderInstructionsAndInitialValue() throws {
        let (template, problems) = try Self.read("sentiment-classifier.liquid")
        let classifier = try #require(template)
        #expect(problems.isEmpty)
        #expect(classifier.element == .classifier && classifier.answerName == "sentiment")
        #expect(classifier.categories == ["Positive", "Negative", "Neutral", "Mixed"])
        let content = classifier.content(for: ["taskObject": "I <3 the new café & its staff", "initialValue": "Positive"])
        #expect(content.header == "What sentiment does this text convey?")
        #expect(content.initialValue == "Positive")
        #expect(content.text == "I <3 the new café & its staff")
        #expect(content.shortInstructions == "Choose the primary sentiment that is expressed by the text.")
        #expect(content.fullInstructionsHeader == "Sentiment Analysis Instructions")
        #expect(content.fullInstructions == """
            Positive sentiment include: joy, excitement, delight
            Negative sentiment include: anger, sarcasm, anxiety
            Neutral: neither positive or negative, such as stating a fact
            Mixed: when the sentiment is mixed
            """)
    }

    @Test func theFraudClassifierTargetIsItsHTMLReadAsText() throws {
        let classifier = try #require(try Self.read("fraud-classifier.liquid").template)
        #expect(classifier.categories == ["Fradulent", "Valid", "Needs furthur review"])
        let input: JSONValue = ["score": ["sample_fraud_detection_insightscore": 912],
                                "taskObject": ["email_address": "a@example.com", "ip_address": "192.0.2.7"]]
        let text = try #require(classifier.content(for: input).text)
        #expect(text.split(separator: "\n").prefix(4) == ["Risk Score (out of 1000): 912", "Claim Details", "Email Address : a@example.com", "Billing Address :"])
        #expect(text.contains("Originating IP : 192.0.2.7"))
    }

    @Test func theTranscriptionTemplateNamesWhatJuryDoesNotShow() throws {
        let (template, problems) = try Self.read("transcribe-video.liquid")
        let textArea = try #require(template)
        #expect(textArea.element == .textArea && textArea.answerName == "transcription")
        #expect(problems == [
            "warning: has a <video>, which Jury does not play or draw",
            "warning: has a crowd-button, which Jury does not draw",
            "warning: has a <script>: custom JavaScript does not run in Jury",
            "warning: gives its crowd-text-area a rows attribute, which Jury does not use",
        ])
        let content = textArea.content(for: ["video_title": "Notebooks", "original_words": "use lambda to turn your notebook"])
        #expect(content.label == "Your transcription" && content.placeholder == "Please enter the transcribed text.")
        #expect(content.text?.hasPrefix("Video title: Notebooks\nInstructions\nTranscribe the audio clip") == true)
        #expect(content.text?.contains(#"The original transcript is "use lambda to turn your notebook"."#) == true)
        #expect(content.fullInstructionsHeader == "Transcription Instructions")
    }

    @Test func theTextractTemplateReadsItsCapturedSourceAndHeader() throws {
        let (template, problems) = try Self.read("textract-analyze-document.liquid")
        let form = try #require(template)
        #expect(form.element == .documentForm && form.answerName == RequestSource.textractForms.rawValue)
        #expect(problems == ["warning: has an <img> outside a classification-target, which Jury does not draw"])
        let content = form.content(for: ["aiServiceRequest": ["document": ["s3Object": ["bucket": "b", "name": "n.png"]]]])
        #expect(content.header == "Review the key-value pairs listed on the right and correct them if they don't match the following document.")
        #expect(content.shortInstructions?.hasPrefix("Click on a key-value block to highlight the corresponding key-value pair in the document.") == true)
        #expect(content.fullInstructions == nil)
    }

    @Test func theRekognitionTemplateWritesItsCategoriesPerLoop() throws {
        let moderation = try #require(try Self.read("rekognition-moderation.liquid").template)
        #expect(moderation.element == .moderation)
        let input: JSONValue = ["selectedAiServiceResponse": ["moderationLabels": [
            ["name": "Weapons", "parentName": "Violence", "confidence": 91.5], ["name": "Violence", "parentName": ""],
        ]]]
        let content = moderation.content(for: input)
        #expect(content.moderationLabels == [ModerationLabelName(name: "Weapons", parentName: "Violence"), ModerationLabelName(name: "Violence", parentName: "")])
        #expect(content.header == "Please select all categories that apply")
        #expect(content.shortInstructions?.hasPrefix("Review the image and choose all applicable categories. If no categories apply, choose None. Nudity Visuals") == true)
    }

    @Test func templatesJuryCannotRenderAreRefusedWithTheirReasons() throws {
        #expect(try Self.read("object-detection-bounding-box.liquid").problems == [
            "error: has a crowd-bounding-box, an answer element Jury cannot render",
            "error: has no crowd-classifier-multi-select, crowd-classifier, crowd-text-area, crowd-input, crowd-textract-analyze-document, "
                + "crowd-rekognition-detect-moderation-labels element Jury could review with",
        ])
        let translate = try Self.read("translate-pairs.liquid")
        #expect(translate.template == nil)
        #expect(translate.problems == [
            #"error: has an HTML <input name="rating{{ forloop.index }}">, which adds a member to the answer that Jury does not ask for"#,
            "error: repeats its crowd-text-area in a {% for %} loop, one answer element per item; Jury reviews one",
            "error: gives its crowd-text-area no literal name attribute (the answer's member)",
        ])
    }

    @Test func liquidCategoriesAreReadForEachLoop() throws {
        let html = #"<crowd-classifier name="topic" categories="{{ task.input.labels | to_json | escape }}" header="Topic of {{ task.input.id }}?"></crowd-classifier>"#
        let classifier = try #require(WorkerTemplate.read(html).template)
        #expect(classifier.hasCategoriesPerLoop)
        let content = classifier.content(for: ["labels": ["a \"quoted\" one", "b & c"], "id": 7])
        #expect(content.categories == ["a \"quoted\" one", "b & c"] && content.header == "Topic of 7?")
    }

    @Test func aCrowdInputTakesItsLabelPlaceholderAndInitialValueFromLiquid() throws {
        let html = """
            <crowd-form><p>Company: <b>{{ task.input.company }}</b></p>
            <crowd-input name="ticker" label="Ticker of {{ task.input.company }}" placeholder="e.g. AMZN" value="{{ task.input.guess }}" required></crowd-input>
            </crowd-form>
            """
        let reading = WorkerTemplate.read(html)
        #expect(reading.problems.map(\.description) == ["gives its crowd-input a required attribute, which Jury does not use"])
        let input = try #require(reading.template)
        #expect(input.element == .input && input.answerName == "ticker" && input.taskType == .freeText)
        let content = input.content(for: ["company": "Acme & Sons", "guess": "ACME"])
        #expect(content.label == "Ticker of Acme & Sons" && content.placeholder == "e.g. AMZN" && content.value == "ACME")
        #expect(content.text == "Company: Acme & Sons")
    }

    @Test func anImageInTheTargetIsThePictureAsGiven() throws {
        let html = #"<crowd-classifier name="c" categories="['cat','dog']"><classification-target><img src="{{ task.input.taskObject | grant_read_access }}"></classification-target></crowd-classifier>"#
        let reading = WorkerTemplate.read(html)
        #expect(reading.problems.isEmpty)
        let content = try #require(reading.template).content(for: ["taskObject": "s3://pets/a&b.jpg"])
        #expect(content.pictureURI == "s3://pets/a&b.jpg" && content.text == nil)
    }
}
