import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is calling the queue service, as the operating system says: the socket peer's user, or this
/// process's own user for an in-process service.
public struct Caller: Sendable, Equatable {
    /// The login name from the password database.
    public let login: String
    public let uid: uid_t
    /// The primary and supplementary groups of the user.
    public let groups: [gid_t]
    /// Whether the caller proved an access key of `QUEUE/credentials` (a producer over the A2I API);
    /// `login` is then the key's profile name and `uid` belongs to nobody.
    public let holdsAccessKey: Bool

    public init(login: String, uid: uid_t, groups: [gid_t]) {
        (self.login, self.uid, self.groups, holdsAccessKey) = (login, uid, groups, false)
    }

    private init(profile: String) {
        (login, uid, groups, holdsAccessKey) = (profile, uid_t.max, [], true)
    }

    /// A producer known by the access key it signed with: `profile` is the key's profile name.
    public static func accessKeyHolder(profile: String) -> Caller { Caller(profile: profile) }

    /// The user running this process.
    public static func currentProcess() -> Caller { user(uid: getuid(), gid: getgid()) }

    /// The user `uid` (a socket peer's) with the groups the password and group databases give them.
    /// An unknown uid becomes `uid-N` with only `gid`.
    public static func user(uid: uid_t, gid: gid_t) -> Caller {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        // The entry's strings point into `buffer`: they are read while it is lent to the call.
        let login = buffer.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let start = buffer.baseAddress, getpwuid_r(uid, &entry, start, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return nil }
            return String(cString: name)
        }
        guard let login else { return Caller(login: "uid-\(uid)", uid: uid, groups: [gid]) }
        return Caller(login: login, uid: uid, groups: groupList(login: login, gid: entry.pw_gid))
    }

    private static func groupList(login: String, gid: gid_t) -> [gid_t] {
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(login, gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(login, gid, &groups, &count) >= 0 else { return [gid] }
        }
        return Array(groups.prefix(Int(count)))
    }

    /// Whether the caller belongs to the group named `group`.
    public func isMember(ofGroup group: String) -> Bool {
        guard let gid = Self.groupID(named: group) else { return false }
        return groups.contains(gid)
    }

    /// The id of the group named `name`, or nil when the group database has none (or cannot be read).
    /// Read with `getgrnam_r` into a buffer of this call's own: `getgrnam`'s one entry per process is
    /// filled line by line while another thread looks up a group, so a concurrent call could read the
    /// gid of whichever line that lookup had reached.
    static func groupID(named name: String) -> gid_t? {
        var size = 16_384
        while size <= 1 << 24 {
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: size)
            let status = getgrnam_r(name, &entry, &buffer, buffer.count, &result)
            if status == ERANGE {
                size *= 4
                continue
            }
            return status == 0 && result != nil ? entry.gr_gid : nil
        }
        return nil
    }
}
