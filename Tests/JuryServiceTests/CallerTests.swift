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
        let last = try #require(Self.lastGroupInTheDatabase())
        let member = Caller(login: "member", uid: 4_000_000, groups: [last.gid])
        let outsider = Caller(login: "outsider", uid: 4_000_001, groups: [0])
        let wrong = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    (0..<2_000).count { _ in
                        !member.isMember(ofGroup: last.name) || outsider.isMember(ofGroup: last.name) || member.isMember(ofGroup: "no-such-group")
                    }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0, "answers that were wrong")
    }

    /// The last group `/etc/group` lists (not root, so a lookup of it passes every other line).
    private static func lastGroupInTheDatabase() -> (name: String, gid: gid_t)? {
        guard let text = try? String(contentsOfFile: "/etc/group", encoding: .utf8) else { return nil }
        let fields = text.split(separator: "\n").last { !$0.hasPrefix("#") && $0.split(separator: ":").count >= 3 }?
            .split(separator: ":", omittingEmptySubsequences: false)
        guard let fields, let gid = gid_t(fields[2]), gid != 0 else { return nil }
        return (String(fields[0]), gid)
    }

    @Test("the current process's user has its login name and its own groups")
    func currentUser() throws {
        let caller = Caller.currentProcess()
        #expect(caller.uid == getuid() && caller.groups.contains(getgid()))
        #expect(!caller.login.hasPrefix("uid-"), "\(caller.login)")
    }
}
