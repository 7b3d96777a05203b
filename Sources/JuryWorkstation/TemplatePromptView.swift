import JuryCore
import JuryCanvas

/// The band a worker template puts above the task: its header (the task's question) and, under it,
/// its short instructions (at most two lines, the rest cut with …). A template with full instructions,
/// or short ones that do not fit, says that help (`?`) shows them whole.
enum TemplatePromptView {
    /// Short-instruction lines the band shows at most.
    static let instructionLines = 2

    /// Rows the band takes for `template` at `width` columns: 0 without header and short instructions.
    static func rows(_ template: TemplateContent?, width: Int) -> Int {
        guard let template else { return 0 }
        return (template.header == nil ? 0 : 1) + min(instructionLines, instructions(template, width: width).count)
    }

    static func render(_ template: TemplateContent?, into canvas: inout Canvas, in rect: Rect) {
        guard let template, !rect.isEmpty else { return }
        var row = rect.row
        let lines = instructions(template, width: rect.columns - 2)
        let isCut = lines.count > instructionLines || template.fullInstructions != nil
        if let header = template.header {
            let hint = SafeText(trusted: isCut ? "  ? instructions" : "")
            let used = canvas.put(Sanitizer.sanitize(header).truncated(to: rect.columns - 1 - hint.width), row: row, column: rect.column + 1, role: .header)
            canvas.put(hint, row: row, column: rect.column + 1 + used, role: .keyHint)
            row += 1
        }
        for (index, line) in lines.prefix(instructionLines).enumerated() where row < rect.bottom {
            let isLast = index == instructionLines - 1 && lines.count > instructionLines
            let shown = isLast ? line.prefix(columns: rect.columns - 3).appending(SafeText.ellipsis, isPlaceholder: false) : line
            canvas.put(shown, row: row, column: rect.column + 1, role: .dim)
            row += 1
        }
    }

    private static func instructions(_ template: TemplateContent, width: Int) -> [SafeText] {
        guard let text = template.shortInstructions else { return [] }
        return TextWrap.lines(Sanitizer.sanitize(text, mode: .multiline), width: max(1, width))
    }
}
