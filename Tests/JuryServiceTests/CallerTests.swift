import Foundation
@testable import JuryService
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Who calls, from the password and group databases, read safely from many threads at once.
@Suite struct CallerTests {
    @Test("group membership is read right on every one of many threads looking up groups at once")
    func groupMembershipUnderConcurrentLookups() async throws {
        let root = try #require(Caller.groupID(named: "root"))
        #expect(root == 0)
        #expect(Caller.groupID(named: "no-such-group-\(getpid())") == nil)
        let nogroup = try #require(Self.group(named: "nogroup"))
        let member = Caller(login: "member", uid: 4_000_000, groups: [nogroup.gid])
        let outsider = Caller(login: "outsider", uid: 4_000_001, groups: [0])
        let wrong = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    (0..<2_000).count { _ in
                        !member.isMember(ofGroup: nogroup.name) || outsider.isMember(ofGroup: nogroup.name) || member.isMember(ofGroup: "no-such-group")
                    }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0, "answers that were wrong")
    }

    /// The group `name` as `/etc/group` lists it. `nogroup` is Debian's, past the system groups, so a
    /// lookup of it reads most lines; tests elsewhere add and remove groups after it, never it.
    private static func group(named name: String) -> (name: String, gid: gid_t)? {
        guard let text = try? String(contentsOfFile: "/etc/group", encoding: .utf8) else { return nil }
        let fields = text.split(separator: "\n").first { $0.hasPrefix(name + ":") }?.split(separator: ":", omittingEmptySubsequences: false)
        guard let fields, fields.count >= 3, let gid = gid_t(fields[2]) else { return nil }
        return (String(fields[0]), gid)
    }

    @Test("the current process's user has the login name /etc/passwd gives its uid (uid-N without one) and its own groups")
    func currentUser() throws {
        let caller = Caller.currentProcess()
        #expect(caller.uid == getuid() && caller.groups.contains(getgid()))
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        let uid = String(getuid())
        let entries: [[Substring]] = passwd.split(separator: "\n").map { $0.split(separator: ":", omittingEmptySubsequences: false) }
        let entry: [Substring]? = entries.first { $0.count > 2 && $0[2] == uid }
        #expect(caller.login == entry.map { String($0[0]) } ?? "uid-\(uid)")
    }
}
