import JuryJSON

/// A reviewer's answer (A2I's `answerContent`) as a value: one case per answer shape of docs/answers.md.
///
/// `jsonValue` is the stored form, as the ledger keeps it and output.json writes it; `init(stored:flow:loop:)`
/// reads it back and `init(submitted:for:input:)` checks what a reviewer sends, so the workstation, the CLI,
/// consensus and statistics read answers through this one type rather than by member names.
public struct ReviewAnswer: Sendable, Equatable {
    /// The member that holds the answer: a Rekognition or Textract flow's request source, else the flow's
    /// `AnswerName` (`AnswerContent.mainKey(for:)`).
    public let member: String
    public var body: Body
    /// The reviewer's note as given; nil when the answer has no `comment` member.
    public var comment: String?

    public enum Body: Sendable, Equatable {
        /// Image moderation: the labels that apply, each with its parent, in the reviewer's order; none
        /// when no label applies ("no content").
        case moderationLabels([ModerationLabelName])
        /// A document form: A2I's answer blocks for the reviewed key-value pairs, in stored order.
        case formBlocks([AnswerBlock])
        /// A classification (crowd-classifier): one of the flow's categories.
        case category(String)
        /// A multi-select classification (crowd-classifier-multi-select): the distinct categories that
        /// apply, in the reviewer's order; none when no category does.
        case categories([String])
        /// A free-text review: the model's text approved, or the reviewer's edit.
        case freeText(FreeTextDecision, text: String)
        /// A named free field (crowd-text-area, crowd-input): the reviewer's text itself.
        case namedField(String)
    }

    /// What a reviewer did with a free-text task's model text.
    public enum FreeTextDecision: String, Sendable, CaseIterable {
        case approved, edited
    }

    public init(member: String, body: Body, comment: String? = nil) {
        (self.member, self.body, self.comment) = (member, body, comment)
    }

    /// The stored form: `{member: body}` plus `comment` when there is one.
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [member: body.jsonValue]
        members["comment"] = comment.map(JSONValue.string)
        return .object(members)
    }

    /// The names of the moderation labels that apply, in the answer's order; empty for other shapes.
    public var moderationLabelNames: [String] {
        guard case .moderationLabels(let labels) = body else { return [] }
        return labels.map(\.name)
    }

    /// The classes that apply: a multi-select's categories, or a classification's one category; nil for
    /// other shapes.
    public var classes: [String]? {
        switch body {
        case .category(let label): [label]
        case .categories(let labels): labels
        default: nil
        }
    }

    /// The reviewer's text: a free text's approved or edited text, or a named field's; nil for other shapes.
    public var text: String? {
        switch body {
        case .freeText(_, let text), .namedField(let text): text
        default: nil
        }
    }

    /// A form answer's key-value pairs, in KEY block order; empty for other shapes.
    public var formPairs: [FormAnswer.Pair] {
        guard case .formBlocks(let blocks) = body else { return [] }
        return FormAnswer.pairs(in: blocks)
    }
}

extension ReviewAnswer.Body {
    /// The body as the answer's member holds it.
    public var jsonValue: JSONValue {
        switch self {
        case .moderationLabels(let labels):
            ["moderationLabels": .array(labels.map { ["name": .string($0.name), "parentName": .string($0.parentName)] })]
        case .formBlocks(let blocks): ["blocks": .array(blocks.map(\.jsonValue))]
        case .category(let label): ["label": .string(label)]
        case .categories(let labels): ["labels": .array(labels.map(JSONValue.string))]
        case .freeText(let decision, let text): ["decision": .string(decision.rawValue), "text": .string(text)]
        case .namedField(let text): .string(text)
        }
    }
}

/// One of A2I's answer blocks for a form: a lowerCamelCase Textract block (`KEY_VALUE_SET`, `WORD`,
/// `SELECTION_ELEMENT`) with Textract's id and, for a block Textract made, its confidence.
public struct AnswerBlock: Sendable, Equatable {
    public var blockType: String
    public var id: String
    /// `["KEY"]` or `["VALUE"]` for a `KEY_VALUE_SET`.
    public var entityTypes: [String]?
    public var relationships: [Relationship]?
    /// Textract's confidence, 0-100, written back as read; nil for a block a reviewer added.
    public var confidence: JSONNumber?
    /// A WORD's text.
    public var text: String?
    /// A checkbox's `SELECTED` or `NOT_SELECTED`.
    public var selectionStatus: String?
    /// Any other members (a block sent with its `geometry`, say), kept as they are.
    public var otherMembers: [String: JSONValue]

    /// A `VALUE` or `CHILD` link to other blocks, by id.
    public struct Relationship: Sendable, Equatable {
        public var type: String
        public var ids: [String]

        public init(type: String, ids: [String]) { (self.type, self.ids) = (type, ids) }
    }

    public init(
        blockType: String, id: String, entityTypes: [String]? = nil, relationships: [Relationship]? = nil,
        confidence: JSONNumber? = nil, text: String? = nil, selectionStatus: String? = nil, otherMembers: [String: JSONValue] = [:]
    ) {
        (self.blockType, self.id, self.entityTypes, self.relationships) = (blockType, id, entityTypes, relationships)
        (self.confidence, self.text, self.selectionStatus, self.otherMembers) = (confidence, text, selectionStatus, otherMembers)
    }

    /// The block as stored: its members with sorted keys, as every `JSONValue` is written.
    public var jsonValue: JSONValue {
        var members = otherMembers
        members["blockType"] = .string(blockType)
        members["id"] = .string(id)
        members["entityTypes"] = entityTypes.map { .array($0.map(JSONValue.string)) }
        members["relationships"] = relationships.map { list in
            .array(list.map { ["type": .string($0.type), "ids": .array($0.ids.map(JSONValue.string))] })
        }
        members["confidence"] = confidence.map(JSONValue.number)
        members["text"] = text.map(JSONValue.string)
        members["selectionStatus"] = selectionStatus.map(JSONValue.string)
        return .object(members)
    }
}

/// Why a JSON document is not an answer of its flow's shape: where, and what was expected.
public struct AnswerShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The loop whose stored answer this is; nil for an answer being submitted.
    public var loop: String?
    public let path: JSONPath
    public let reason: String

    public init(loop: String? = nil, _ path: JSONPath, _ reason: String) {
        (self.loop, self.path, self.reason) = (loop, path, reason)
    }

    /// `answer $.category.label: required: …`, after `loop NAME: stored ` for a stored answer.
    public var description: String { (loop.map { "loop \($0): stored " } ?? "") + "answer \(path): \(reason)" }
}
