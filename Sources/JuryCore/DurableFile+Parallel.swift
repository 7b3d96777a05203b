import Foundation
import Synchronization

extension DurableFile {
    /// Writes each file as `write(_:to:)` does (atomic, fsynced, folder synced), several at once on
    /// `width` threads: their fsyncs overlap, and each folder is prepared (created, abandoned temporaries
    /// removed) and synced once for all its files, so a batch costs far less than one file after another.
    /// A file's rename waits until every file of the batch is fsynced; a reader still sees each file
    /// whole or not at all.
    /// - Returns: one result per file, in order.
    public static func writeAll(_ files: [(data: Data, url: URL)], width: Int = 8) -> [Result<URL, any Error>] {
        let folders = Dictionary(grouping: files.indices) { files[$0].url.deletingLastPathComponent() }
        let prepared: [URL: Result<Void, any Error>] = folders.keys.reduce(into: [:]) { prepared, folder in
            prepared[folder] = Result {
                try createFolder(folder)
                removeAbandonedTemporaries(in: folder)
            }
        }
        let temporaries = onThreads(width, count: files.count) { index -> Result<URL, any Error> in
            let (data, url) = files[index]
            return Result {
                try prepared[url.deletingLastPathComponent()]!.get()
                return try writeTemporary(data, for: url.lastPathComponent, in: url.deletingLastPathComponent())
            }
        }
        let groups = Array(folders)
        let placed = onThreads(width, count: groups.count) { group -> [(Int, Result<URL, any Error>)] in
            let (folder, indices) = groups[group]
            let renamed = indices.map { index in
                (index, temporaries[index].flatMap { temporary in
                    Result { () throws -> URL in
                        guard rename(temporary.path, files[index].url.path) == 0 else {
                            let error = posixError("rename to \(files[index].url.path)")
                            unlink(temporary.path)
                            throw error
                        }
                        return files[index].url
                    }
                })
            }
            guard renamed.contains(where: { (try? $0.1.get()) != nil }) else { return renamed }
            do {
                try syncFolder(folder)
                return renamed
            } catch {
                return renamed.map { ($0.0, $0.1.flatMap { _ in .failure(error) }) }
            }
        }
        var results = [Result<URL, any Error>?](repeating: nil, count: files.count)
        for (index, result) in placed.joined() { results[index] = result }
        return results.map { $0! }
    }

    /// `body(0)`…`body(count - 1)` on at most `width` threads of their own (they block in fsync, so
    /// more threads than cores pay); returns the results in order.
    private static func onThreads<T: Sendable>(_ width: Int, count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<min(width, count) {
            group.enter()
            Thread.detachNewThread {
                while case let index = next.add(1, ordering: .relaxed).oldValue, index < count {
                    let result = body(index)
                    results.withLock { $0[index] = result }
                }
                group.leave()
            }
        }
        group.wait()
        return results.withLock { $0.map { $0! } }
    }
}
