import Foundation
@testable import JuryCore
import Testing

/// The built `jury demo` queue and `jury review` in tmux (80x24, xterm-256color): the demo's cat
/// appears as coloured block cells beside the moderation labels, and the selected field of the demo
/// invoice is outlined on its page.
@Suite("tmux end to end: pictures", .serialized, .enabled(if: Tmux.isAvailable))
struct TerminalPictureTests {
    /// Runs `body` with `jury review --flow flow` (symbols) open on a fresh demo queue, then cleans up.
    private func reviewing(_ flow: String, _ body: (Tmux) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-e2e-pictures-\(UUID().uuidString)", directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: root) }
        try Tmux.run([Tmux.jury, "demo", "--queue", root.path, "--fixtures", Fixtures.demo.path])
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start([Tmux.jury, "review", "--queue", root.path, "--reviewer", "alice", "--flow", flow, "--graphics", "symbols"])
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
        try reviewing("moderation") { tmux in
            try tmux.wait(for: "img-0014-cat-on-sofa")
            let queueColours = backgrounds(tmux.styledScreen())
            for _ in 0..<13 { try tmux.send("j") }
            try tmux.send("Enter")
            try tmux.wait(for: "ugc-uploads/2024/05/img-0014.jpg")
            try tmux.wait(timeout: 10, what: "coloured picture cells") { _ in backgrounds(tmux.styledScreen()).count > queueColours.count + 10 }
            #expect(page(tmux.screen()).contains { $0.contains(where: { "▀▄▌▐▖▗▘▝▚▞▙▛▜▟█".contains($0) }) })
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
}
