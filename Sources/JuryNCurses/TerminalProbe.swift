#if canImport(Glibc)
import Glibc
#endif

/// Asks the terminal something before the screen starts (capability queries) and reads its answer:
/// standard input goes into raw mode without echo for the exchange, so the answer is neither shown
/// nor taken for keys, then its settings come back.
public enum TerminalProbe {
    /// Writes `query` to standard output and returns the bytes standard input gives until
    /// `isComplete` holds for them or `timeoutMilliseconds` pass (whatever came by then). Returns
    /// nothing at once when standard input or output is not a terminal. Input left unread after
    /// the exchange is discarded, so an answer cut by the timeout is not read as keys.
    public static func ask(_ query: [UInt8], timeoutMilliseconds: Int, isComplete: ([UInt8]) -> Bool) -> [UInt8] {
        guard isatty(0) == 1, isatty(1) == 1 else { return [] }
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return [] }
        var raw = saved
        cfmakeraw(&raw)
        raw.c_oflag = saved.c_oflag
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return [] }
        defer {
            tcflush(0, TCIFLUSH)
            tcsetattr(0, TCSANOW, &saved)
        }
        guard writeAll(query) else { return [] }
        return read(until: isComplete, deadline: now() + Int64(timeoutMilliseconds))
    }

    private static func read(until isComplete: ([UInt8]) -> Bool, deadline: Int64) -> [UInt8] {
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !isComplete(answer) {
            let remaining = deadline - now()
            guard remaining > 0 else { break }
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(remaining))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = Glibc.read(0, &buffer, buffer.count)
            guard count > 0 else { break }
            answer.append(contentsOf: buffer[..<count])
        }
        return answer
    }

    private static func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBufferPointer { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Monotonic milliseconds.
    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
