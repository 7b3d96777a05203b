import Foundation
import JuryCore
import JuryTestSupport

extension Tmux {
    /// A demo queue made by the built `jury demo` (not a terminal here, so it only seeds and prints), in a
    /// folder of its own named after `label`; the caller removes it.
    static func demoQueue(_ label: String) throws -> QueueDirectory {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-\(label)-\(UUID().uuidString)", directoryHint: .isDirectory)
        try run([jury, "demo", "--queue", root.path, "--fixtures", Fixtures.demo.path])
        return QueueDirectory(root)
    }
}
