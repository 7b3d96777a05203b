import JuryCanvas

/// A table for the terminal: a header row and columns aligned by display width (cells pass the
/// sanitizer first, so task data cannot break the alignment), two spaces apart, no trailing blanks.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    var lines: [String] {
        let cells = ([header] + rows).map { $0.map { Sanitizer.sanitize($0) } }
        let widths = header.indices.map { column in cells.map { $0.indices.contains(column) ? $0[column].width : 0 }.max() ?? 0 }
        return cells.map { row in
            let padded = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell.description : cell.description + String(repeating: " ", count: widths[column] - cell.width)
            }
            var line = padded.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
