import Foundation
import JuryCanvas

/// Finds and loads theme files by name.
///
/// Search order for `NAME` (first hit wins): each directory of `directories` in order, looking for
/// `NAME.yaml` then `NAME.yml`, then the themes built into the binary (`BuiltinThemes`: dark, light,
/// high-contrast, monochrome). A `NAME` containing "/" or ending in ".yaml"/".yml" is a path and
/// is loaded as is. See `ThemeCatalog.standardDirectories(environment:executablePath:)`.
public struct ThemeCatalog: Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The conventional search path:
    /// 1. `$JURY_THEME_DIR`, when set;
    /// 2. `$XDG_CONFIG_HOME/jury/themes` (default `~/.config/jury/themes`) for user themes;
    /// 3. `share/jury/themes` beside the executable's prefix (installed layout);
    /// 4. the nearest `themes/` directory above the executable (`swift run` from a checkout);
    /// 5. `./themes`.
    /// Each directory once, in that order.
    public static func standardDirectories(environment: [String: String], executablePath: String) -> [String] {
        var dirs: [String] = []
        if let dir = environment["JURY_THEME_DIR"], !dir.isEmpty { dirs.append(dir) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { "\($0)/.config" }
        if let config { dirs.append("\(config)/jury/themes") }
        let exeDir = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
        dirs.append(exeDir.deletingLastPathComponent().appendingPathComponent("share/jury/themes").path)
        var probe = exeDir
        for _ in 0..<6 {
            dirs.append(probe.appendingPathComponent("themes").path)
            probe = probe.deletingLastPathComponent()
        }
        dirs.append("themes")
        var seen = Set<String>()
        return dirs.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// The path of theme `name`, or nil when no directory has it.
    public func path(of name: String) -> String? {
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return name }
        for dir in directories {
            for ext in ["yaml", "yml"] {
                let candidate = "\(dir)/\(name).\(ext)"
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Loads theme `name`: a file found in `directories`, else the built-in theme of that name.
    /// - Throws: `ThemeError` (`.notFound` listing the directories searched and the built-in names, or any parse error).
    public func load(_ name: String) throws(ThemeError) -> Theme {
        guard let path = path(of: name) else {
            if let text = BuiltinThemes.files[name] { return try ThemeLoader.parse(text, file: "built-in theme \(name)") }
            throw ThemeError(kind: .notFound, file: name, line: nil, column: nil, key: "",
                             message: "no theme named \"\(name)\" (built in: \(BuiltinThemes.files.keys.sorted().joined(separator: ", ")); "
                                 + "searched: \(directories.joined(separator: ", ")))")
        }
        return try Self.loadFile(path)
    }

    /// Loads and parses one theme file.
    public static func loadFile(_ path: String) throws(ThemeError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(kind: .notFound, file: path, line: nil, column: nil, key: "",
                             message: "cannot read the file (missing, unreadable or not UTF-8)")
        }
        return try ThemeLoader.parse(text, file: path)
    }

    /// Names of the themes found (file names without extension) and built in, sorted, without duplicates.
    public func availableNames() -> [String] {
        var names = Set(BuiltinThemes.files.keys)
        for dir in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for file in files where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                names.insert(String(file.split(separator: ".").first ?? ""))
            }
        }
        return names.sorted()
    }
}
