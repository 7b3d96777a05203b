import Foundation
@testable import JuryCore
import JuryJSON
import JuryCanvas
import JuryMedia
import JuryService
import JuryTestSupport
import Testing
@testable import JuryWorkstation

/// Pictures on the task screens, through the real runtime, the in-process queue service (which reads
/// the demo's object root) and the media pipeline: goldens in symbols mode (deterministic), the
/// placeholders, the keys and the pixel-protocol path.
@Suite("Pictures on task screens")
struct PictureScreenTests {
    static let sizes = [Size(rows: 24, columns: 80), Size(rows: 20, columns: 60)]
    static let moderationLoop = "img-0014-cat-on-sofa"
    static let formLoop = "inv-0001-acme-industrial"
    /// A demo invoice of 2 pages whose PDF is in the object root.
    static let twoPageLoop = "inv-0004-nordstrom-soner"

    /// A run on `loop`'s task screen after `script`, with pictures drawn as `output`.
    private func open(_ loop: String, size: Size, script: [Key] = [], output: GraphicsOutput = .symbols, timeout: Double = 10,
                      queue: DemoQueue? = nil, mediaDelay: Double = 0) throws -> (WorkstationRuntime, ScriptedTerminal) {
        let queue = try queue ?? DemoQueue()
        defer { queue.remove() }
        let client = QueueConnection(transport: SlowMedia(inner: try queue.client("alice").transport, delay: mediaDelay))
        let terminal = ScriptedTerminal(size: size)
        let state = WorkstationState(reviewer: "alice", size: size, now: 0, flows: try client.profile().flows)
        let pipeline = MediaPipeline(reader: MediaReader(roots: ObjectRoots([])), output: output,
                                     options: RenderOptions(symbols: .quadrants, colors: .trueColor))
        let run = WorkstationRuntime(state: state, terminal: terminal, client: client,
                                     pictures: PictureEffects(client: client, pipeline: pipeline, timeout: timeout),
                                     environment: ["PATH": "/usr/bin:/bin"])
        run.start()
        run.send(.claimed(try client.claim(loop: loop)))
        for key in script { run.send(.key(key)) }
        return (run, terminal)
    }

    private func check(_ canvas: Canvas, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Golden.assertText(canvas, named: name, sourceLocation: sourceLocation)
        Golden.assertRoles(canvas, named: name, sourceLocation: sourceLocation)
        Golden.assertColors(canvas, named: name, sourceLocation: sourceLocation)
    }

    /// Cells of `rect` that carry image colours.
    private func coloredCells(_ canvas: Canvas, in rect: Rect) -> Int {
        var count = 0
        for y in rect.row..<rect.bottom { for x in rect.column..<rect.right where canvas[y, x].colors != nil { count += 1 } }
        return count
    }

    @Test("moderation: the photo beside the labels at 80 columns, above them when narrower", arguments: sizes)
    func moderation(size: Size) throws {
        let (run, terminal) = try open(Self.moderationLoop, size: size)
        let canvas = try #require(terminal.lastCanvas)
        let regions = TaskLayout.regions(run.state.task!.content, size: size, pictures: .shown)
        #expect(size.columns >= TaskLayout.besideFromColumns ? regions.picture.column > regions.list.right - 1 : regions.picture.bottom <= regions.list.row)
        #expect(coloredCells(canvas, in: regions.picture) > regions.picture.rows * 4)
        #expect(canvas.textDump().contains("[ ] Explicit"))
        check(canvas, "picture-moderation-\(size)")
    }

    @Test("the picture links to the original when the service read it on this host; a service elsewhere gives no link")
    func pictureLinksToTheOriginal() throws {
        let (run, terminal) = try open(Self.moderationLoop, size: Size(rows: 24, columns: 80))
        let canvas = try #require(terminal.lastCanvas)
        let regions = TaskLayout.regions(run.state.task!.content, size: canvas.size, pictures: .shown)
        let link = try #require(canvas.links.first)
        #expect(canvas.links.count == 1)
        #expect(link.target.hasPrefix("file://\(MediaFile.localHostName)/") && link.target.hasSuffix("/ugc-uploads/2024/05/img-0014.jpg"))
        #expect(regions.picture.intersection(link.region) == link.region && link.region.rows > 1)
        let elsewhere = MediaFile(source: "s3://b/k.jpg", bytes: Data([1]), host: "another-host", path: "/srv/b/k.jpg")
        #expect(MediaFiles.link(to: elsewhere, clientHost: "this-host") == nil)
        #expect(MediaFiles.link(to: elsewhere, clientHost: "another-host") == "file://another-host/srv/b/k.jpg")
        #expect(MediaFiles.link(to: MediaFile(source: "inline image (1 bytes)", bytes: Data([1])), clientHost: "another-host") == nil)
    }

    @Test("a field's crop in, the crops of the fields below and above are drawn ahead: the ones a move asks for")
    func neighbourCropsAreDrawnAhead() throws {
        let (run, _) = try open(Self.formLoop, size: Size(rows: 24, columns: 80), script: keys("j"))
        let zoom = try #require(run.state.task?.pictures.zoom)
        let (_, effects) = Workstation.update(run.state, .pictureLoaded(zoom.request, zoom.picture))
        guard case .drawAhead(let ahead)? = effects.first, effects.count == 1 else {
            Issue.record("no draw-ahead: \(effects)")
            return
        }
        let wanted = { (script: String) throws -> PictureRequest? in
            let moved = try self.open(Self.formLoop, size: Size(rows: 24, columns: 80), script: keys(script)).0.state
            return moved.wantedPictures(try #require(moved.task)).first { $0.slot == .zoom }
        }
        #expect(ahead == [try wanted("jj"), try wanted("")].compactMap { $0 })
        #expect(ahead.count == 2)
    }

    @Test("form: the page with the selected field outlined and its zoomed crop; the outline follows the cursor", arguments: sizes)
    func form(size: Size) throws {
        let (run, terminal) = try open(Self.formLoop, size: size, script: keys("j"))
        let canvas = try #require(terminal.lastCanvas)
        let task = try #require(run.state.task)
        let regions = TaskLayout.regions(task.content, size: size, pictures: .shown)
        #expect(coloredCells(canvas, in: regions.zoom) > 0)
        #expect(task.pictures.zoom?.request.crop != nil && task.pictures.zoom?.picture.problem == nil)
        if size.columns >= TaskLayout.besideFromColumns {
            #expect(!regions.picture.isEmpty)
            let frame = (regions.picture.row..<regions.picture.bottom).flatMap { y in
                (regions.picture.column..<regions.picture.right).map { canvas[y, $0] }
            }.filter { $0.grapheme == "┌" && $0.role == .focus }
            #expect(frame.count == 1)
            #expect(task.pictures.page?.request.outlines.count == 2)
        } else {
            #expect(regions.picture.isEmpty)
        }
        check(canvas, "picture-form-\(size)")
        let moved = try open(Self.formLoop, size: size, script: keys("jj")).0.state.task?.pictures
        #expect(moved?.zoom?.request.crop != task.pictures.zoom?.request.crop)
    }

    /// Cells of `rect` showing ink: a symbol drawn in a dark colour, or a dark background.
    private func inkCells(_ canvas: Canvas, in rect: Rect) -> Int {
        func isDark(_ color: TerminalColor?) -> Bool {
            guard case .rgb(let red, let green, let blue)? = color else { return false }
            return max(red, green, blue) < 160
        }
        var count = 0
        for y in rect.row..<rect.bottom {
            for x in rect.column..<rect.right {
                let cell = canvas[y, x]
                if isDark(cell.colors?.background) || (cell.grapheme != " " && isDark(cell.colors?.foreground)) { count += 1 }
            }
        }
        return count
    }

    /// A page decoded for the zoom region's own shape (4 rows: 128 pixels high) left no cell of ink
    /// at any of these sizes; each of these fields' zooms now has 10 or more.
    @Test("the zoomed crop shows the field's ink whatever the terminal's size, from the first field to the last",
          arguments: [Size(rows: 24, columns: 80), Size(rows: 40, columns: 120), Size(rows: 48, columns: 160), Size(rows: 20, columns: 60)])
    func zoomShowsInk(size: Size) throws {
        guard case .form(let form) = Fixtures.content(Self.formLoop).body else {
            Issue.record("\(Self.formLoop) is not a form")
            return
        }
        for field in [0, 4, form.fields.count - 1] {
            let (run, terminal) = try open(Self.formLoop, size: size, script: keys(String(repeating: "j", count: field)))
            let task = try #require(run.state.task)
            let canvas = try #require(terminal.lastCanvas)
            let regions = TaskLayout.regions(task.content, size: size, pictures: .shown)
            #expect(task.scroll.selected == field)
            #expect(try #require(task.pictures.zoom).picture.problem == nil)
            #expect(inkCells(canvas, in: regions.zoom) >= 5, "field \(field) at \(size): \(inkCells(canvas, in: regions.zoom)) cells of ink")
        }
    }

    @Test("a 2-page document: a field on page 2 shows page 2, labelled and outlined; its crop is cut from page 2", arguments: sizes)
    func secondPage(size: Size) throws {
        guard case .form(let form) = Fixtures.content(Self.twoPageLoop).body else {
            Issue.record("\(Self.twoPageLoop) is not a form")
            return
        }
        let onPage2 = try #require(form.fields.firstIndex { $0.page == 2 })
        let (first, firstTerminal) = try open(Self.twoPageLoop, size: size)
        let (run, terminal) = try open(Self.twoPageLoop, size: size, script: keys(String(repeating: "j", count: onPage2)))
        let task = try #require(run.state.task)
        #expect(task.pictures.zoom?.request.page == 2 && task.pictures.zoom?.picture.problem == nil)
        let canvas = try #require(terminal.lastCanvas)
        let regions = TaskLayout.regions(task.content, size: size, pictures: .shown)
        if size.columns >= TaskLayout.besideFromColumns {
            #expect(!regions.picture.isEmpty)
            #expect(first.state.task?.pictures.page?.request.page == 1 && task.pictures.page?.request.page == 2)
            #expect(try #require(firstTerminal.lastCanvas).textDump().contains("page 1/2"))
            let rows = canvas.textDump().split(separator: "\n", omittingEmptySubsequences: false)
            #expect(regions.pageLabel.rows == 1 && rows[regions.pageLabel.row].contains("page 2/2"))
            #expect(task.pictures.page?.picture.problem == nil && task.pictures.page?.request.outlines.count == 2)
        } else {
            #expect(regions.picture.isEmpty)
        }
        check(canvas, "picture-form-page-2-\(size)")
    }

    @Test("classification and free text: the image above the text when the input names one", arguments: ["ticket-0001", "llm-0001"])
    func pictureAboveTheText(loop: String) throws {
        var content = Fixtures.content(loop)
        content.showsMedia = true  // as when the flow's Jury.MediaPath finds an image in the input
        let size = Size(rows: 24, columns: 80)
        var state = WorkstationState(reviewer: "alice", size: size, now: 0, flows: [])
        state.task = TaskState(content: content, claim: Fixtures.claim(loop, reviewer: "alice"))
        let requests = state.wantedPictures(try #require(state.task))
        let request = try #require(requests.first)
        #expect(requests.count == 1 && request.slot == .page)
        let pipeline = MediaPipeline(reader: MediaReader(roots: ObjectRoots([Checkout.root.appending(path: "fixtures/media").path])))
        let cat = pipeline.picture(of: MediaReference(source: .path("formats/cat.jpg")), fitting: request.size)
        let (shown, _) = Workstation.update(state, .pictureLoaded(request, cat))
        let regions = TaskLayout.regions(content, size: size, pictures: .shown)
        #expect(regions.picture.columns == size.columns && regions.picture.bottom <= regions.list.row)
        #expect(regions.top.isEmpty || regions.picture.bottom <= regions.top.row)
        #expect(coloredCells(WorkstationView.render(shown), in: regions.picture) > regions.picture.rows * 4)
    }

    @Test("a missing image: the placeholder says so and the review goes on")
    func missing() throws {
        let (run, terminal) = try open("img-0001-mountain-landscape", size: Size(rows: 24, columns: 80), script: keys("a"))
        #expect(terminal.presented.contains { $0.textDump().contains("is missing") })
        let next = try #require(run.state.task, "the review went on to the next task")
        #expect(next.claim.loopName != "img-0001-mountain-landscape" && !next.claim.resumed)
    }

    @Test("corrupt, oversized and linked images: placeholders say why", arguments: [
        ("corrupt/truncated.jpg", "corrupt jpeg", "corrupt jpeg"),
        ("corrupt/bomb-100000x100000.png", "too large: 100000x100000 pixels", "too large"),
        ("formats/cat.jpg", "goes through a symbolic link (refused)", "symbolic link"),
    ])
    func placeholders(file: String, reason: String, shown: String) throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-objects-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appending(path: "ugc-uploads/2024/05")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = Checkout.root.appending(path: "fixtures/media/\(file)")
        let target = folder.appending(path: "img-0014.jpg")
        if file.hasPrefix("formats/") {
            try FileManager.default.createSymbolicLink(at: target, withDestinationURL: source)
        } else {
            try FileManager.default.copyItem(at: source, to: target)
        }
        let (run, _) = try open(Self.moderationLoop, size: Size(rows: 24, columns: 80), queue: try DemoQueue(objectRoot: root))
        let problem = try #require(run.state.task?.pictures.page?.picture.problem)
        #expect(problem.description.contains(reason))
        #expect(WorkstationView.render(run.state).textDump().contains(shown))
    }

    @Test("a picture not ready in time becomes a placeholder")
    func timeout() throws {
        let (run, _) = try open(Self.moderationLoop, size: Size(rows: 24, columns: 80), timeout: 0.2, mediaDelay: 2)
        #expect(run.state.task?.pictures.page?.picture.problem == .timedOut(seconds: 1))
    }

    @Test("f fills the body with the picture; + zooms, J pans, - zooms back out")
    func fullScreenZoomPan() throws {
        let size = Size(rows: 24, columns: 80)
        let full = try open(Self.moderationLoop, size: size, script: keys("f")).0.state.task!.pictures
        #expect(full.mode == .fullScreen && full.page?.request.size == Size(rows: ScreenLayout(size: size).body.rows, columns: 80))
        let zoomed = try open(Self.moderationLoop, size: size, script: keys("+J")).0.state.task!.pictures
        #expect(zoomed.page?.request.crop == BoundingBox(left: 0.25, top: 0.375, width: 0.5, height: 0.5))
        let back = try open(Self.moderationLoop, size: size, script: keys("+J-")).0.state.task!.pictures
        #expect(back.page?.request.crop == nil)
    }

    @Test("o without a desktop writes the original to a private file and says where")
    func openOriginal() throws {
        let (run, _) = try open(Self.moderationLoop, size: Size(rows: 24, columns: 80), script: keys("o"))
        let text = try #require(run.state.message?.text)
        #expect(text.hasPrefix("No desktop viewer here (no DISPLAY, or no xdg-open): the original is at "))
        let path = String(text.split(separator: " ").last!)
        #expect(path.hasSuffix("/\(Self.moderationLoop).jpeg"))
        let original = Checkout.root.appending(path: "fixtures/media/objects/ugc-uploads/2024/05/img-0014.jpg")
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: original.path))
    }

    @Test("the originals' folder is this user's alone: one someone else made, or left open, is passed over")
    func originalsFolderIsPrivate() throws {
        let base = FileManager.default.temporaryDirectory.appending(path: "originals-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let environment = ["XDG_RUNTIME_DIR": base.path]
        func mode(_ url: URL) -> (owner: uid_t, mode: mode_t) {
            var info = stat()
            lstat(url.path, &info)
            return (info.st_uid, info.st_mode & 0o7777)
        }
        let named = base.appending(path: "jury-originals-\(getuid())", directoryHint: .isDirectory)
        #expect(try PictureEffects.privateFolder(environment: environment).path == named.path)
        #expect(mode(named) == (getuid(), 0o700))
        chmod(named.path, 0o777)
        let passedOver = try PictureEffects.privateFolder(environment: environment)
        #expect(passedOver.path != named.path && passedOver.path.hasPrefix(named.path + "-") && mode(passedOver) == (getuid(), 0o700))
        if getuid() == 0 {
            chmod(named.path, 0o700)
            chown(named.path, 65_534, 65_534)
            #expect(try PictureEffects.privateFolder(environment: environment).path != named.path, "a folder of nobody's was used")
        }
    }

    @Test("pixel protocols are placed only when asked, inside the picture region, and removed under a box")
    func pixelProtocols() throws {
        let size = Size(rows: 24, columns: 80)
        let (symbols, symbolTerminal) = try open(Self.moderationLoop, size: size)
        #expect(symbolTerminal.presentedGraphics.allSatisfy(\.isEmpty) && symbols.state.task?.pictures.page != nil)
        let (kitty, terminal) = try open(Self.moderationLoop, size: size, script: keys("?"), output: .kitty)
        let region = TaskLayout.regions(kitty.state.task!.content, size: size, pictures: .shown).picture
        let placed = try #require(terminal.presentedGraphics.last { !$0.isEmpty }?.first)
        #expect(placed.kind == .kitty && placed.region.intersection(region) == placed.region)
        #expect(placed.payload.starts(with: Array("\u{1B}_G".utf8)))
        #expect(terminal.presentedGraphics.last == [])
    }
}

/// A transport whose `media` calls answer `delay` seconds late (a slow service or network).
private struct SlowMedia: ServiceTransport {
    let inner: any ServiceTransport
    let delay: Double

    var now: Date { inner.now }

    func send(_ call: ServiceCall) throws -> JSONValue {
        if case .media = call { Thread.sleep(forTimeInterval: delay) }
        return try inner.send(call)
    }
}
