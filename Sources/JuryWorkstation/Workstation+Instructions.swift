import JuryCore
import JuryCanvas

extension WorkstationState {
    /// The help overlay for the screen beneath: on a task whose worker template has instructions, they
    /// come first (the short ones whole, then the full ones under their header), wrapped to the box;
    /// then the keys.
    var helpOverlay: HelpOverlay {
        var help = HelpOverlay(title: screenBeneath.title, bindings: bindings(for: screenBeneath), commands: commandTable)
        help.lines = instructionLines + help.lines
        return help
    }

    /// The template's instructions as help lines, sanitized; none without a task or instructions.
    private var instructionLines: [HelpOverlay.Line] {
        guard let template = task?.content.template else { return [] }
        let width = max(20, min(72, size.columns - 6))
        let sections = [("Instructions", template.shortInstructions), (template.fullInstructionsHeader ?? "Full instructions", template.fullInstructions)]
        return sections.compactMap { title, text in text.map { (title, $0) } }.flatMap { title, text in
            [HelpOverlay.Line(keys: "", summary: Sanitizer.sanitize(title).truncated(to: width), isHeading: true)]
                + TextWrap.lines(Sanitizer.sanitize(text, mode: .multiline), width: width).map {
                    HelpOverlay.Line(keys: "", summary: $0, isHeading: false, isText: true)
                }
                + [HelpOverlay.Line(keys: "", summary: SafeText(), isHeading: false)]
        }
    }
}
