import JuryCanvas

extension NCursesTerminal {
    /// Writes `links`' cells of `frame` again inside OSC 8 (`Hyperlink.redrawn`), in the look
    /// curses gave them: the role's attributes and colours, or the cell's own colours.
    func writeLinks(_ links: [Hyperlink], of frame: Canvas) {
        for link in links { writeRaw(link.redrawn(from: frame, style: selectGraphicRendition)) }
    }

    /// The SGR sequence for `cell`: reset, the role's attributes, then colours (none without a theme
    /// with colours).
    private func selectGraphicRendition(_ cell: Cell) -> String {
        let style = theme?[cell.role] ?? ResolvedStyle()
        let attributes: [(TextAttributes, String)] = [(.bold, "1"), (.dim, "2"), (.underline, "4"), (.reverse, "7")]
        var codes = ["0"] + attributes.filter { style.attributes.contains($0.0) }.map(\.1)
        if explicitColors {
            codes.append(color(cell.colors.map { colorNumber($0.foreground) } ?? Int32(style.foreground), layer: 38))
            codes.append(color(cell.colors.map { colorNumber($0.background) } ?? Int32(style.background), layer: 48))
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// `38`/`48` with a palette index or (direct colour) RGB value; the default colour for -1.
    private func color(_ number: Int32, layer: Int) -> String {
        guard number >= 0 else { return "\(layer + 1)" }
        guard hasDirectColor else { return "\(layer);5;\(number)" }
        return "\(layer);2;\((number >> 16) & 255);\((number >> 8) & 255);\(number & 255)"
    }
}
