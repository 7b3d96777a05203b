import Foundation
import Synchronization

extension DurableFile {
    /// Writes each file as `write(_:to:)` does (atomic, fsynced, folder synced), several at once on
    /// `width` threads: their fsyncs overlap, so a batch costs far less than one file after another.
    /// - Returns: one result per file, in order.
    public static func writeAll(_ files: [(data: Data, url: URL)], width: Int = 8) -> [Result<URL, any Error>] {
        let results = Mutex<[Result<URL, any Error>?]>(Array(repeating: nil, count: files.count))
        let next = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<min(width, files.count) {
            group.enter()
            Thread.detachNewThread {
                while case let index = next.add(1, ordering: .relaxed).oldValue, index < files.count {
                    let (data, url) = files[index]
                    let result = Result { () throws -> URL in
                        removeAbandonedTemporaries(in: url.deletingLastPathComponent())
                        try write(data, to: url)
                        return url
                    }
                    results.withLock { $0[index] = result }
                }
                group.leave()
            }
        }
        group.wait()
        return results.withLock { $0.map { $0! } }
    }
}
