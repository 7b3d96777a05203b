import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Folders only this user may enter, for files others must not read or replace (a forwarded socket,
/// the originals a reviewer opens).
public enum PrivateFolder {
    /// Where they go: `$XDG_RUNTIME_DIR` (the user's own, by its specification) when set, else `$TMPDIR`,
    /// else `/tmp`.
    public static func base(environment: [String: String]) -> String {
        [environment["XDG_RUNTIME_DIR"], environment["TMPDIR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "/tmp"
    }

    /// A fresh folder of mode 0700, `PREFIX-XXXXXX` in `base(environment:)` (`mkdtemp`: never one that was there).
    /// - Throws: `JuryError.io` when none can be made.
    public static func fresh(_ prefix: String, environment: [String: String]) throws -> URL {
        let base = base(environment: environment)
        var template = Array(URL(filePath: base, directoryHint: .isDirectory).appending(path: prefix + "-XXXXXX").path.utf8CString)
        guard mkdtemp(&template) != nil else { throw JuryError.io("cannot make a private folder in \(base): \(String(cString: strerror(errno)))") }
        return URL(filePath: String(cString: template), directoryHint: .isDirectory)
    }
}
