import Foundation
@testable import JuryCore
@testable import JuryWorkstation
import JuryTestSupport
import Testing

/// The built `jury demo` queue and `jury review` in tmux (80x24 unless a test says otherwise, xterm-256color): the demo's cat
/// appears as coloured block cells beside the moderation labels, and the selected field of the demo
/// invoice is outlined on its page.
@Suite("tmux end to end: pictures", .serialized, .enabled(if: Tmux.isAvailable))
struct TerminalPictureTests {
    /// Runs `body` with `jury review --flow flow` open on a fresh demo queue, then cleans up;
    /// `graphics` are the graphics arguments, `configuration` the tmux server's.
    private func reviewing(_ flow: String, graphics: [String] = ["--graphics", "symbols"], configuration: String = "",
                           size: (columns: Int, rows: Int) = (80, 24), _ body: (Tmux) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-e2e-pictures-\(UUID().uuidString)", directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: root) }
        try Tmux.run([Tmux.jury, "demo", "--queue", root.path, "--fixtures", Fixtures.demo.path])
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(["env", "JURY_GRAPHICS=", Tmux.jury, "review", "--queue", root.path, "--reviewer", "alice", "--flow", flow] + graphics,
                       columns: size.columns, rows: size.rows, configuration: configuration)
        try body(tmux)
    }

    /// The distinct 256-colour backgrounds (`48;5;N`) on a `capture-pane -e` screen.
    private func backgrounds(_ styled: String) -> Set<String> {
        Set(styled.matches(of: /48;5;(\d+)/).map { String($0.1) })
    }

    /// The page's columns (48 on) of the body's rows.
    private func page(_ screen: String) -> [String] {
        screen.split(separator: "\n").dropFirst(2).prefix(20).map { String($0.dropFirst(48)) }
    }

    @Test("moderation: the photo is drawn in coloured cells to the right of the labels")
    func moderationPicture() throws {
        try reviewing("moderation") { tmux in try showsTheCatInColouredCells(tmux) }
    }

    @Test("auto inside tmux with passthrough on: the queries get no answer (no client), and the photo falls back to symbols")
    func unansweredQueriesFallBackToSymbols() throws {
        try reviewing("moderation", graphics: [], configuration: "set -g allow-passthrough on\n") { tmux in
            try showsTheCatInColouredCells(tmux)
        }
    }

    /// Opens the demo's cat and expects it in coloured block cells right of the labels.
    private func showsTheCatInColouredCells(_ tmux: Tmux) throws {
        try tmux.wait(for: "img-0014-cat-on-sofa")
        let queueColours = backgrounds(tmux.styledScreen())
        for _ in 0..<13 { try tmux.send("j") }
        try tmux.send("Enter")
        try tmux.wait(for: "ugc-uploads/2024/05/img-0014.jpg")
        try tmux.wait(timeout: 10, what: "coloured picture cells") { _ in backgrounds(tmux.styledScreen()).count > queueColours.count + 10 }
        #expect(page(tmux.screen()).contains { $0.contains(where: { "▀▄▌▐▖▗▘▝▚▞▙▛▜▟█".contains($0) }) })
    }

    @Test("tmux's allow-passthrough is read from the server the workstation runs in", arguments: ["on", "off"])
    func passthroughIsAskedOfTmux(setting: String) throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(["sleep", "30"], configuration: "set -g allow-passthrough \(setting)\n")
        let environment = ["TMUX": try tmux.socketPath() + ",1,0", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        #expect(TmuxOptions.allowsPassthrough(environment: environment) == (setting == "on"))
    }

    @Test("a 2-page document: moving to a field on page 2 shows page 2 with the field outlined")
    func secondPage() throws {
        let loop = "inv-0004-nordstrom-soner"
        guard case .form(let form) = Fixtures.content(loop).body, let onPage2 = form.fields.firstIndex(where: { $0.page == 2 }) else {
            Issue.record("\(loop) has no field on page 2")
            return
        }
        try reviewing("invoices") { tmux in
            try tmux.wait(for: loop)
            for _ in 0..<3 { try tmux.send("j") }
            try tmux.send("Enter")
            try tmux.wait(for: "› \(loop)")
            let first = try tmux.wait(timeout: 10, what: "page 1 outlined") { $0.contains("page 1/2") && page($0).contains { $0.contains("┌") } }
            for _ in 0..<onPage2 { try tmux.send("j") }
            let second = try tmux.wait(timeout: 10, what: "page 2 outlined") { $0.contains("page 2/2") && page($0).contains { $0.contains("┌") } }
            #expect(!second.contains("page 1/2") && page(second) != page(first))
        }
    }

    @Test("form: the selected field is outlined on the page and the outline follows the cursor")
    func formOutline() throws {
        try reviewing("invoices") { tmux in
            try tmux.wait(for: "inv-0001-acme-industrial")
            try tmux.send("n")
            try tmux.wait(for: "Invoice Number")
            let outlined = try tmux.wait(timeout: 10, what: "the outline on the page") { page($0).contains { $0.contains("┌") } }
            try tmux.send("j")
            try tmux.wait(timeout: 10, what: "the outline moved") { screen in
                page(screen) != page(outlined) && page(screen).contains { $0.contains("┌") }
            }
        }
    }

    @Test("form at 120x40: the zoom under the table shows the selected field in block cells")
    func formZoomOnALargerTerminal() throws {
        try reviewing("invoices", size: (120, 40)) { tmux in
            try tmux.wait(for: "inv-0001-acme-industrial")
            try tmux.send("n")
            try tmux.wait(for: "Invoice Number")
            try tmux.wait(timeout: 10, what: "block cells between the table and the field's detail") { screen in
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.prefix(70)) }
                guard let table = rows.firstIndex(where: { $0.contains("IBAN") }),
                      let detail = rows.lastIndex(where: { $0.hasPrefix(" Invoice Number:") }), table < detail else { return false }
                let quadrants = Set("▘▝▀▖▌▞▛▗▚▐▜▄▙▟")
                return rows[(table + 1)..<detail].reduce(0) { $0 + $1.count(where: quadrants.contains) } >= 5
            }
        }
    }
}
