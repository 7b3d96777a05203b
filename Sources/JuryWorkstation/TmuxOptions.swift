import Foundation

/// What the tmux server the workstation runs in allows, asked with `tmux show`.
enum TmuxOptions {
    /// True when `tmux show -gv allow-passthrough` says `on` or `all` (tmux then forwards pixel
    /// protocols wrapped for it to the outer terminal). False when tmux is not found, fails or says
    /// anything else: symbols are the safe choice.
    static func allowsPassthrough(environment: [String: String]) -> Bool {
        guard let value = show("allow-passthrough", environment: environment) else { return false }
        return ["on", "all"].contains(value.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The global value of `option` (`tmux show -gv`), or nil when tmux does not answer.
    private static func show(_ option: String, environment: [String: String]) -> String? {
        let process = Process(), output = Pipe()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["tmux", "show", "-gv", option]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
