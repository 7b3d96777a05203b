import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// The producers' access keys, from `QUEUE/credentials` in the AWS shared-credentials file format:
///
///     [etl-pipeline]
///     aws_access_key_id = AKIAJURYEXAMPLE0001
///     aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
///
/// The profile name is the producer's name in the audit. The same file serves the SDK on the producer's side.
public struct AccessKeys: Sendable {
    public struct Key: Sendable, Equatable {
        public let profile: String
        public let secret: String

        public init(profile: String, secret: String) { (self.profile, self.secret) = (profile, secret) }
    }

    /// Keys by access key id.
    public let keys: [String: Key]

    public init(keys: [String: Key]) { self.keys = keys }

    /// The file's place in a queue.
    public static func url(in queue: QueueDirectory) -> URL { queue.root.appending(path: "credentials") }

    /// Reads the credentials file, which must be a regular file of `owner` that no one else may read.
    /// - Throws: `JuryError.forbidden` when the file is a link, another account's, or readable or writable
    ///   by group or others; `JuryError.invalidInput` naming the line of a malformed file;
    ///   `JuryError.notFound` when there is no file.
    public static func load(from url: URL, owner: uid_t) throws -> AccessKeys {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            throw JuryError.notFound("\(url.path) is missing: the A2I API needs the producers' access keys there (see docs/a2i-api.md)")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw JuryError.forbidden("\(url.path) must be a regular file, not a link or a folder") }
        guard info.st_uid == owner else {
            throw JuryError.forbidden("\(url.path) belongs to uid \(info.st_uid), not to the queue's owner (uid \(owner)): it holds secret keys")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw JuryError.forbidden("\(url.path) is open to others (mode \(String(info.st_mode & 0o777, radix: 8))): it holds secret keys; run chmod 600 \(url.path)")
        }
        return try parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    /// Parses the INI text: `[profile]` sections with `aws_access_key_id` and `aws_secret_access_key`;
    /// `#` and `;` start comments; other settings are ignored.
    /// - Throws: `JuryError.invalidInput` naming `file` and the line for a malformed line, a profile
    ///   without both keys, or an access key id used twice.
    public static func parse(_ text: String, file: String) throws -> AccessKeys {
        var profiles: [(name: String, line: Int, settings: [String: String])] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                profiles.append((String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces), index + 1, [:]))
                continue
            }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !profiles.isEmpty else {
                throw JuryError.invalidInput("\(file):\(index + 1): expected [profile] or name = value")
            }
            profiles[profiles.count - 1].settings[parts[0]] = parts[1]
        }
        var keys: [String: Key] = [:]
        for profile in profiles {
            guard let id = profile.settings["aws_access_key_id"], let secret = profile.settings["aws_secret_access_key"], !id.isEmpty, !secret.isEmpty else {
                throw JuryError.invalidInput("\(file):\(profile.line): profile [\(profile.name)] needs aws_access_key_id and aws_secret_access_key")
            }
            guard keys[id] == nil else { throw JuryError.invalidInput("\(file):\(profile.line): access key \(id) is used by two profiles") }
            keys[id] = Key(profile: profile.name, secret: secret)
        }
        return AccessKeys(keys: keys)
    }
}
