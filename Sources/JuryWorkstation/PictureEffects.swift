import Foundation
import JuryCanvas
import JuryCore
import JuryMedia
import Synchronization

/// Performs the picture effects: the loop's media bytes come from the queue service (which reads
/// them under its object roots, for reviewers on any host), then `MediaPipeline` decodes and draws
/// them, cached per loop, page, part and size. A picture not ready within `timeout` becomes a
/// placeholder; the review goes on either way.
public struct PictureEffects: Sendable {
    public var pipeline: MediaPipeline
    /// Longest wait for one picture, seconds.
    public var timeout: Double
    let files: MediaFiles

    /// - Parameters:
    ///   - pipeline: how to decode and draw (its `fetch` is set here, to `client.media(loop:)`).
    public init(client: any QueueClient, pipeline: MediaPipeline, timeout: Double = 10) {
        let files = MediaFiles(client: client)
        var pipeline = pipeline
        pipeline.fetch = { loop throws(MediaProblem) in try files.bytes(of: loop) }
        self.pipeline = pipeline
        self.timeout = timeout
        self.files = files
    }

    /// The picture for `request`, or a placeholder saying why not (including "not ready" after `timeout`).
    /// Its cells link to the original (`MediaFiles.originalLink`) when the service read it on this host.
    public func picture(for request: PictureRequest) -> MediaPicture {
        let result = Mutex<MediaPicture?>(nil)
        let done = DispatchSemaphore(value: 0)
        let pipeline = self.pipeline, files = self.files
        DispatchQueue.global(qos: .userInitiated).async {
            var picture = Self.draw(request, with: pipeline)
            if picture.problem == nil, let original = files.originalLink(of: request.loop) {
                picture.canvas.link(Rect(picture.canvas.size), to: original)
            }
            result.withLock { $0 = picture }
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success, let picture = result.withLock({ $0 }) else {
            return pipeline.placeholder(.timedOut(seconds: Int(timeout.rounded(.up))), request.size)
        }
        return picture
    }

    /// Writes `loop`'s media to a file in `privateFolder(environment:)` and opens it with `xdg-open` when
    /// there is a desktop (`DISPLAY` or `WAYLAND_DISPLAY`) and `xdg-open` is on the `PATH`. Returns what happened.
    public func openOriginal(_ loop: String, environment: [String: String]) -> String {
        let bytes: [UInt8]
        do { bytes = try files.bytes(of: loop) } catch { return "Cannot open the original: \(error)" }
        let name = loop + "." + (ImageFormat(sniffing: bytes)?.rawValue ?? "bin")
        let file: URL
        do {
            file = try Self.privateFolder(environment: environment).appending(path: name)
            try Data(bytes).write(to: file, options: .atomic)
        } catch {
            return "Cannot write the original \(name): \(error.localizedDescription)"
        }
        let desktop = ["DISPLAY", "WAYLAND_DISPLAY"].contains { !(environment[$0] ?? "").isEmpty }
        guard desktop, let opener = Self.onPath("xdg-open", environment: environment) else {
            return "No desktop viewer here (no DISPLAY, or no xdg-open): the original is at \(file.path)"
        }
        let process = Process()
        process.executableURL = URL(filePath: opener)
        process.arguments = [file.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return "xdg-open did not start: \(error.localizedDescription); the original is at \(file.path)" }
        return "Opened \(file.path) with xdg-open"
    }

    /// A folder for the originals `o` writes that only this user may enter: `jury-originals-UID` in
    /// `PrivateFolder.base`, made with mode 0700. One already there is taken only when it is a folder
    /// (not a link) of this user's that nobody else may enter; otherwise, since someone else may have
    /// made it to read what is opened, a fresh one is made beside it (`PrivateFolder.fresh`).
    /// - Throws: `JuryError.io` when no folder can be made.
    static func privateFolder(environment: [String: String]) throws -> URL {
        let base = PrivateFolder.base(environment: environment)
        let named = URL(filePath: base, directoryHint: .isDirectory).appending(path: "jury-originals-\(getuid())", directoryHint: .isDirectory)
        if mkdir(named.path, 0o700) == 0 || errno == EEXIST {
            var info = stat()
            if lstat(named.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(), info.st_mode & 0o077 == 0 {
                return named
            }
        }
        return try PrivateFolder.fresh(named.lastPathComponent, environment: environment)
    }

    private static func onPath(_ name: String, environment: [String: String]) -> String? {
        (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func draw(_ request: PictureRequest, with pipeline: MediaPipeline) -> MediaPicture {
        let reference = MediaReference(source: .fetched(key: request.loop), page: request.page)
        if request.slot == .zoom, let box = request.crop {
            return pipeline.crop(of: reference, box: box, fitting: request.size, outlines: request.outlines)
        }
        return pipeline.picture(of: reference, viewport: request.crop, fitting: request.size, outlines: request.outlines)
    }
}

/// The media bytes of the last few loops, as the queue service sent them (or why it did not).
final class MediaFiles: Sendable {
    private let client: any QueueClient
    private let recent = Mutex<[(loop: String, result: Result<[UInt8], MediaProblem>, link: String?)]>([])
    /// Loops kept (the open task, and the ones just before it).
    static let kept = 3

    init(client: any QueueClient) { self.client = client }

    /// The bytes of `loop`'s media.
    /// - Throws: `.noMedia`, or `.refused` with the service's reason (or its error).
    func bytes(of loop: String) throws(MediaProblem) -> [UInt8] {
        if let known = recent.withLock({ $0.first { $0.loop == loop }?.result }) { return try known.get() }
        let (result, link) = fetch(loop)
        recent.withLock { recent in
            recent.insert((loop, result, link), at: 0)
            if recent.count > Self.kept { recent.removeLast() }
        }
        return try result.get()
    }

    /// A `file://` link to `loop`'s original (after its bytes came): only when the service read it
    /// from a file on this host, where the path means something.
    func originalLink(of loop: String) -> String? {
        recent.withLock { $0.first { $0.loop == loop }?.link }
    }

    private func fetch(_ loop: String) -> (Result<[UInt8], MediaProblem>, link: String?) {
        do {
            guard let file = try client.media(loop: loop) else { return (.failure(.noMedia), nil) }
            guard let bytes = file.bytes else { return (.failure(.refused(reason: file.refusal ?? "\(file.source) was not sent")), nil) }
            return (.success(Array(bytes)), Self.link(to: file, clientHost: MediaFile.localHostName))
        } catch {
            return (.failure(.refused(reason: "the queue service did not send the media: \(error)")), nil)
        }
    }

    /// `file://host/path` of where the service read `file`, when that host is `clientHost`.
    static func link(to file: MediaFile, clientHost: String) -> String? {
        guard let host = file.host, let path = file.path, host == clientHost else { return nil }
        return Hyperlink.fileURL(path: path, host: host)
    }
}
