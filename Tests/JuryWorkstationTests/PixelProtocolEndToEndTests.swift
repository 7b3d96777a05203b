import Foundation
import JuryCanvas
@testable import JuryWorkstation
import JuryTestSupport
import Testing

/// The built `jury review` on a pseudo-terminal (80x24, xterm-256color), its raw output read byte for
/// byte: sixel, kitty and iTerm2 pictures are written only with `--graphics sixel`, `kitty` or `iterm`,
/// after a cursor move into the picture region and no larger than it, and are taken away (the screen
/// repainted; kitty's pictures deleted) when the task goes full screen or is left. With `symbols` or
/// `none` no such sequence is written.
@Suite("pseudo-terminal end to end: pixel protocols", .serialized)
struct PixelProtocolEndToEndTests {
    static let size = Size(rows: 24, columns: 80)
    static let loop = "img-0014-cat-on-sofa"
    /// The cell size pixel output assumes (`PixelRenderer`).
    static let cellPixels = (width: 10, height: 20)

    /// Runs `body` with `jury review --flow moderation --graphics mode` open on a fresh demo queue at 80x24.
    private func reviewing(_ mode: String, _ body: (PseudoTerminal) throws -> Void) throws {
        try PseudoTerminal.reviewing("pty-pictures", graphics: mode, body)
    }

    /// Opens the demo's cat from the queue (the 14th row) and waits for its task screen.
    private func openTheCat(_ terminal: PseudoTerminal) throws {
        try terminal.wait(what: "the queue") { TerminalWrites($0).text.contains(Self.loop) }
        terminal.send(String(repeating: "j", count: 13) + "\r")
        try terminal.wait(what: "the task screen") { TerminalWrites($0).text.contains("ugc-uploads/2024/05/img-0014.jpg") }
    }

    /// The picture region of the cat's task screen: beside the labels, or the whole body in full screen.
    private func pictureRegion(fullScreen: Bool) -> Rect {
        TaskLayout.regions(Fixtures.content(Self.loop), size: Self.size, pictures: fullScreen ? .fullScreen : .shown).picture
    }

    /// Expects every picture in `writes` placed inside `region`, and returns them.
    @discardableResult
    private func expectPlaced(_ writes: TerminalWrites, inside region: Rect, kind: GraphicsPlacement.Kind,
                              sourceLocation: SourceLocation = #_sourceLocation) -> [TerminalWrites.Placement] {
        #expect(!writes.placements.isEmpty, sourceLocation: sourceLocation)
        #expect(writes.unplacedPictures == 0, "a picture written without a cursor move before it", sourceLocation: sourceLocation)
        for placement in writes.placements {
            #expect(placement.kind == kind, sourceLocation: sourceLocation)
            #expect(region.intersection(placement.cells(cellPixels: Self.cellPixels)) == placement.cells(cellPixels: Self.cellPixels),
                    "\(placement) outside \(region)", sourceLocation: sourceLocation)
        }
        return writes.placements
    }

    @Test("sixel, kitty and iTerm2: placed inside the picture region, moved on full screen, taken away when the task is left",
          arguments: [GraphicsPlacement.Kind.sixel, .kitty, .iterm])
    func pixelPictures(kind: GraphicsPlacement.Kind) throws {
        try reviewing(kind.rawValue) { terminal in
            try openTheCat(terminal)
            try terminal.wait(what: "a \(kind) picture") { !TerminalWrites($0).placements.isEmpty }
            terminal.drain(seconds: 0.3)
            let beside = expectPlaced(TerminalWrites(terminal.output[...]), inside: pictureRegion(fullScreen: false), kind: kind)
            let besideRows = beside.last?.cells(cellPixels: Self.cellPixels).rows ?? 0

            let beforeFullScreen = terminal.output.count
            terminal.send("f")
            try terminal.wait(from: beforeFullScreen, what: "the full-screen picture") { output in
                TerminalWrites(output).placements.contains { $0.cells(cellPixels: Self.cellPixels).rows > besideRows }
            }
            terminal.drain(seconds: 0.3)
            let fullScreen = TerminalWrites(terminal.output[beforeFullScreen...])
            #expect(fullScreen.removesPictures(before: fullScreen.placements[0], kind: kind))
            expectPlaced(fullScreen, inside: pictureRegion(fullScreen: true), kind: kind)

            let beforeLeaving = terminal.output.count
            terminal.send("q")
            try terminal.wait(from: beforeLeaving, what: "the queue again") { TerminalWrites($0).text.contains("img-0001-mountain-landscape") }
            terminal.drain(seconds: 0.5)
            let left = TerminalWrites(terminal.output[beforeLeaving...])
            #expect(left.placements.isEmpty && left.unplacedPictures == 0)
            #expect(left.removesPictures(before: nil, kind: kind))
        }
    }

    @Test("symbols and none: no sixel, kitty or iTerm2 sequence is ever written", arguments: ["symbols", "none"])
    func noPixelSequences(mode: String) throws {
        try reviewing(mode) { terminal in
            try openTheCat(terminal)
            let shown = mode == "none" ? "images are off" : "▀"
            try terminal.wait(what: "the picture or its placeholder") { TerminalWrites($0).text.contains(shown) }
            terminal.send("f")
            terminal.drain(seconds: 0.5)
            let writes = TerminalWrites(terminal.output[...])
            #expect(writes.placements.isEmpty && writes.unplacedPictures == 0)
            #expect(!writes.text.contains("\u{1B}P") && !writes.text.contains("\u{1B}_G") && !writes.text.contains("\u{1B}]1337;"))
        }
    }
}

/// What a terminal was sent, read back from the raw bytes: the pixel pictures placed (a cursor save
/// and move, then a sixel, kitty or iTerm2 sequence), the screen clears and kitty's deletions, in order.
struct TerminalWrites {
    /// A picture written at a 1-based cursor position, with its size in pixels (sixel, kitty) or
    /// in cells (iTerm2's `width` and `height`).
    struct Placement: CustomStringConvertible {
        var kind: GraphicsPlacement.Kind
        var row: Int
        var column: Int
        var width: Int
        var height: Int
        var offset: String.Index

        /// The cells the picture covers (0-based, like canvas regions), for cells of `cellPixels`.
        func cells(cellPixels: (width: Int, height: Int)) -> Rect {
            guard kind != .iterm else { return Rect(row: row - 1, column: column - 1, rows: height, columns: width) }
            return Rect(row: row - 1, column: column - 1, rows: (height + cellPixels.height - 1) / cellPixels.height,
                        columns: (width + cellPixels.width - 1) / cellPixels.width)
        }

        var description: String { "\(kind) at row \(row), column \(column), \(width)x\(height) \(kind == .iterm ? "cells" : "px")" }
    }

    let text: String
    private(set) var placements: [Placement] = []
    /// Sixel or kitty pictures not right after a cursor move (none should be).
    private(set) var unplacedPictures = 0

    init(_ bytes: ArraySlice<UInt8>) {
        text = String(decoding: bytes, as: UTF8.self)
        let sixel = /\e7\e\[(\d+);(\d+)H\eP[0-9;]*q"\d+;\d+;(\d+);(\d+)/
        let kitty = /\e7\e\[(\d+);(\d+)H\e_G[^;\e]*?s=(\d+),v=(\d+)/
        let iterm = /\e7\e\[(\d+);(\d+)H\e\]1337;File=inline=1;width=(\d+);height=(\d+);/
        for (kind, pattern) in [(GraphicsPlacement.Kind.sixel, sixel), (.kitty, kitty), (.iterm, iterm)] {
            for match in text.matches(of: pattern) {
                placements.append(Placement(kind: kind, row: Int(match.1)!, column: Int(match.2)!, width: Int(match.3)!,
                                            height: Int(match.4)!, offset: match.range.lowerBound))
            }
        }
        placements.sort { $0.offset < $1.offset }
        let pictures = text.matches(of: /\eP[0-9;]*q/).count + text.matches(of: /\e_Ga=[Tt]/).count
            + text.matches(of: /\e\]1337;File=/).count
        unplacedPictures = pictures - placements.count
    }

    /// Whether the pictures on screen are taken away before `placement` (nil: anywhere): the screen
    /// cleared for a repaint (`ESC [2J`), and for kitty its pictures deleted (`ESC _Ga=d`) too.
    func removesPictures(before placement: Placement?, kind: GraphicsPlacement.Kind) -> Bool {
        let end = placement?.offset ?? text.endIndex
        let before = text[..<end]
        let cleared = before.contains("\u{1B}[2J")
        return kind == .kitty ? cleared && before.contains("\u{1B}_Ga=d") : cleared
    }
}
