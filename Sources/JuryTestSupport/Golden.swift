import Foundation
import JuryCanvas
import Testing

/// Golden-file checks for screens: a canvas's text dump (and, separately, its style roles) is
/// compared with a file in `__Goldens__/` beside the test file that calls it.
///
/// - A mismatch records a test issue with a line diff (expected `-`, actual `+`, 1-based lines).
/// - A missing file records an issue saying how to create it.
/// - With `JURY_RECORD_GOLDENS=1` the file is (re)written and the test *fails* anyway, so a
///   recording run can never pass by accident. Review the files with `git diff`, then rerun.
public enum Golden {
    /// The environment variable that switches recording on.
    public static let recordVariable = "JURY_RECORD_GOLDENS"

    /// Checks `canvas.textDump()` against `NAME.txt`.
    public static func assertText(
        _ canvas: Canvas, named name: String,
        filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        assertMatches(canvas.textDump(), file: "\(name).txt", filePath: filePath, sourceLocation: sourceLocation)
    }

    /// Checks `canvas.roleDump()` against `NAME.roles.txt` (see `StyleRole.dumpCode`).
    public static func assertRoles(
        _ canvas: Canvas, named name: String,
        filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        assertMatches(canvas.roleDump(), file: "\(name).roles.txt", filePath: filePath, sourceLocation: sourceLocation)
    }

    /// Checks `canvas.colorDump()` against `NAME.colors.txt` (explicit image-cell colours).
    public static func assertColors(
        _ canvas: Canvas, named name: String,
        filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        assertMatches(canvas.colorDump(), file: "\(name).colors.txt", filePath: filePath, sourceLocation: sourceLocation)
    }

    /// Checks any text against `__Goldens__/file` beside `filePath`.
    public static func assertMatches(
        _ actual: String, file: String,
        filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = directory(for: filePath).appendingPathComponent(file)
        if isRecording(ProcessInfo.processInfo.environment) {
            record(actual, to: url, sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("missing golden \(url.path); run with \(recordVariable)=1 to create it.\nActual:\n\(actual)",
                         sourceLocation: sourceLocation)
            return
        }
        if let diff = lineDiff(expected: normalized(expected), actual: normalized(actual)) {
            Issue.record("golden \(file) differs (- expected, + actual):\n\(diff)\nRun with \(recordVariable)=1 to accept.",
                         sourceLocation: sourceLocation)
        }
    }

    /// True when `environment` asks for recording ("1", "true" or "yes").
    public static func isRecording(_ environment: [String: String]) -> Bool {
        ["1", "true", "yes"].contains(environment[recordVariable]?.lowercased() ?? "")
    }

    /// The `__Goldens__` directory beside a test file.
    public static func directory(for filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Goldens__")
    }

    /// A diff of the lines that differ by position, or nil when equal.
    public static func lineDiff(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let left = i < e.count ? e[i] : nil, right = i < a.count ? a[i] : nil
            guard left != right else { continue }
            let number = String(repeating: " ", count: max(0, 3 - String(i + 1).count)) + String(i + 1)
            if let left { out.append("\(number) -|\(left)|") }
            if let right { out.append("\(number) +|\(right)|") }
        }
        return out.joined(separator: "\n")
    }

    private static func record(_ actual: String, to url: URL, sourceLocation: SourceLocation) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((normalized(actual) + "\n").utf8).write(to: url)
            Issue.record("recorded golden \(url.lastPathComponent); recording always fails: rerun without \(recordVariable)",
                         sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not record golden \(url.path): \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Without the trailing newline(s) a file ends with.
    private static func normalized(_ text: String) -> String {
        var t = text
        while t.hasSuffix("\n") { t.removeLast() }
        return t
    }
}
