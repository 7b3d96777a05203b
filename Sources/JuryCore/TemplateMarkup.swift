import Foundation

/// One opening tag of a worker template's HTML, with where its element's content lies.
struct MarkupElement: Sendable {
    /// The tag name, lowercased.
    var tag: String
    /// Attributes in order, names lowercased, values with their character references decoded (nil for a
    /// bare attribute such as `no-key-edit`).
    var attributes: [(name: String, value: String?)]
    /// From `<` of the opening tag to the end of the matching closing tag (or of the opening tag).
    var range: Range<String.Index>
    /// Between the opening and the closing tag; empty when there is no closing tag.
    var content: Range<String.Index>

    /// The first attribute called `name` (lowercase), "" for a bare one, nil when absent.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }.map { $0.value ?? "" }
    }
}

/// Reads the parts of HTML a worker template needs: elements with attributes, and the text a person
/// would read. Lenient, as browsers are: it never fails.
enum TemplateMarkup {
    /// Every element's opening tag in document order; the content of `script` and `style` is not searched.
    static func elements(in html: String) -> [MarkupElement] {
        var elements: [MarkupElement] = []
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            guard case (var element, let end)? = openingTag(in: html, at: open) else {
                index = html.index(after: open)
                continue
            }
            let close = closingTag(of: element.tag, in: html, from: end)
            element.content = end..<(close?.lowerBound ?? end)
            element.range = open..<(close?.upperBound ?? end)
            elements.append(element)
            index = ["script", "style"].contains(element.tag) ? element.range.upperBound : end
        }
        return elements
    }

    /// The tag starting at `open` and the index after its `>`; nil when `<` starts no opening tag.
    private static func openingTag(in html: String, at open: String.Index) -> (MarkupElement, String.Index)? {
        var scanner = AttributeScanner(text: html, index: html.index(after: open))
        let name = scanner.name()
        guard let first = name.first, first.isLetter else { return nil }
        var attributes: [(name: String, value: String?)] = []
        while let attribute = scanner.attribute() { attributes.append(attribute) }
        guard let end = scanner.endOfTag() else { return nil }
        let element = MarkupElement(tag: name.lowercased(), attributes: attributes, range: open..<end, content: end..<end)
        return (element, end)
    }

    /// The closing tag matching an element opened before `start`, counting nested ones of the same name.
    private static func closingTag(of tag: String, in html: String, from start: String.Index) -> Range<String.Index>? {
        let pattern = try! Regex("<(/?)\(NSRegularExpression.escapedPattern(for: tag))(?=[\\s>/])").ignoresCase()
        var depth = 0
        for match in html[start...].matches(of: pattern) {
            if match.output[1].substring?.isEmpty == false {
                if depth == 0 { return match.range.lowerBound..<(html[match.range.upperBound...].firstIndex(of: ">").map(html.index(after:)) ?? html.endIndex) }
                depth -= 1
            } else {
                depth += 1
            }
        }
        return nil
    }

    /// The text of `html` as a page shows it: tags dropped, scripts, styles, media and buttons left out, white space
    /// collapsed, a line per paragraph, heading, list item (marked •), table row or `<br>`; no blank lines.
    static func plainText(_ html: Substring) -> String {
        var text = String(html)
        text.replace(try! Regex(#"<(script|style|video|audio|iframe|canvas|object|crowd-button)\b.*?</\1\s*>"#).ignoresCase().dotMatchesNewlines(), with: " ")
        text.replace(try! Regex(#"\s+"#), with: " ")
        text.replace(try! Regex(#"<li\b[^>]*>"#).ignoresCase(), with: "\n• ")
        text.replace(try! Regex(#"</?(p|div|br|h[1-6]|ol|ul|tr|table|hr|li)\b[^>]*>"#).ignoresCase(), with: "\n")
        text.replace(try! Regex(#"</t[dh]\s*>"#).ignoresCase(), with: "  ")
        text.replace(try! Regex(#"<[^>]*>"#), with: "")
        let lines = decodeReferences(Substring(text)).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).replacing(try! Regex(" {2,}"), with: " ") }
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private static let namedReferences: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“",
    ]

    /// `text` with `&amp;`, `&#39;`, `&#x27;` and the common named references replaced; others are kept.
    static func decodeReferences(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return String(text).replacing(try! Regex(#"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"#)) { match -> String in
            let body = String(match.output[1].substring ?? "")
            if body.hasPrefix("#") {
                let digits = body.dropFirst()
                let scalar = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                return scalar.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? String(match.output[0].substring ?? "")
            }
            return namedReferences[body] ?? String(match.output[0].substring ?? "")
        }
    }
}

/// Reads a tag's name and attributes, honouring quotes (a `>` inside a quoted value does not end the tag).
private struct AttributeScanner {
    let text: String
    var index: String.Index

    mutating func name() -> String {
        let start = index
        while index < text.endIndex, text[index].isLetter || text[index].isNumber || text[index] == "-" || text[index] == ":" {
            index = text.index(after: index)
        }
        return String(text[start..<index])
    }

    mutating func attribute() -> (name: String, value: String?)? {
        skipSpace()
        let name = name()
        guard !name.isEmpty else { return nil }
        skipSpace()
        guard index < text.endIndex, text[index] == "=" else { return (name.lowercased(), nil) }
        index = text.index(after: index)
        skipSpace()
        return (name.lowercased(), TemplateMarkup.decodeReferences(value()))
    }

    /// After the attributes: the index after `>` (or `/>`), nil when the tag never ends.
    mutating func endOfTag() -> String.Index? {
        skipSpace()
        if index < text.endIndex, text[index] == "/" { index = text.index(after: index) }
        guard index < text.endIndex, text[index] == ">" else { return nil }
        return text.index(after: index)
    }

    private mutating func value() -> Substring {
        guard index < text.endIndex else { return "" }
        let quote = text[index]
        if quote == "\"" || quote == "'" {
            let start = text.index(after: index)
            let end = text[start...].firstIndex(of: quote) ?? text.endIndex
            index = end < text.endIndex ? text.index(after: end) : end
            return text[start..<end]
        }
        let start = index
        while index < text.endIndex, !text[index].isWhitespace, text[index] != ">" { index = text.index(after: index) }
        return text[start..<index]
    }

    private mutating func skipSpace() {
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
    }
}
