import Testing
@testable import JuryCanvas

@Suite("Wrapped text")
struct WrappedTextTests {
    let text = Sanitizer.sanitize("the quick brown fox\n\nsupercalifragilistic \u{1B}[2J", mode: .multiline)

    @Test("gives TextWrap's lines for every width, also after other widths were asked for")
    func sameLinesAsTextWrap() {
        let wrapped = WrappedText(text)
        for width in [10, 7, 10, 30, 3, 4, 5, 6, 10] {
            #expect(wrapped.lines(width: width) == TextWrap.lines(text, width: width), "width \(width)")
        }
    }

    @Test("a text view drawn from wrapped lines is the text view drawn from its text")
    func rendersAsTextView() {
        var fromText = Canvas(size: Size(rows: 4, columns: 12)), fromLines = fromText
        TextView(text).render(into: &fromText, in: Rect(row: 0, column: 0, rows: 4, columns: 12), state: ScrollState(top: 1))
        TextView.render(WrappedText(text).lines(width: 12), into: &fromLines, in: Rect(row: 0, column: 0, rows: 4, columns: 12),
                        state: ScrollState(top: 1))
        #expect(fromLines.textDump() == fromText.textDump() && fromLines.roleDump() == fromText.roleDump())
    }

    @Test("two are equal when their texts are")
    func equality() {
        #expect(WrappedText(text) == WrappedText(text))
        #expect(WrappedText(text) != WrappedText(SafeText(trusted: "other")))
    }
}
