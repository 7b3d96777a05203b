import JuryCanvas
import JuryMedia

extension WorkstationState {
    /// The pictures the task screen needs and has neither received nor asked for yet (none off task
    /// screens, for tasks without media, or below the minimum size). Asked for after every update,
    /// so a move, a resize or a zoom asks for its picture once.
    mutating func pictureEffects() -> [Effect] {
        guard let task, size.fits(Self.minimumSize) else { return [] }
        let missing = wantedPictures(task).filter { wanted in
            !task.pictures.requested.contains(wanted) && [task.pictures.page, task.pictures.zoom].allSatisfy { $0?.request != wanted }
        }
        self.task?.pictures.requested.formUnion(missing)
        return missing.map(Effect.loadPicture)
    }

    /// The requests for the task's picture regions as they are laid out once pictures show.
    func wantedPictures(_ task: TaskState) -> [PictureRequest] {
        guard task.content.showsMedia else { return [] }
        let frame = task.pictures.frame
        let regions = TaskLayout.regions(task.content, size: size, pictures: frame.fullScreen ? .fullScreen : .shown)
        let field = task.selectedField
        var requests: [PictureRequest] = []
        if !regions.picture.isEmpty {
            let boxes = [(field?.keyBox, StyleRole.selection, TerminalColor.rgb(red: 0, green: 200, blue: 255)),
                         (field?.valueBox, StyleRole.focus, TerminalColor.rgb(red: 255, green: 200, blue: 0))]
            let outlines = boxes.compactMap { box, role, color in
                box.map { ImageOutline(box: $0.relative(to: frame.viewport), role: role, color: color) }
            }
            requests.append(PictureRequest(loop: task.claim.loopName, slot: .page, page: max(1, field?.page ?? 1), crop: frame.viewport,
                                           outlines: outlines, size: Size(rows: regions.picture.rows, columns: regions.picture.columns)))
        }
        if !regions.zoom.isEmpty, let field, let zoom = zoomRequest(task, field: field, region: regions.zoom) {
            requests.append(zoom)
        }
        return requests
    }

    /// The zoomed crop of `field`'s value box (its key box when it has no value box) for a `region`
    /// of cells (nil: no box). The page beside shows both outlined; the zoom gives the value, what
    /// the reviewer checks, all its size.
    private func zoomRequest(_ task: TaskState, field: FormItem, region: Rect) -> PictureRequest? {
        guard let box = field.valueBox ?? field.keyBox else { return nil }
        return PictureRequest(loop: task.claim.loopName, slot: .zoom, page: max(1, field.page), crop: box,
                              outlines: [], size: Size(rows: region.rows, columns: region.columns))
    }

    /// The zoomed crops of the fields just below and above the cursor, drawn ahead (into the cache)
    /// once the selected field's crop is in, so moving the cursor finds its crop ready.
    func neighbourZooms(of request: PictureRequest) -> [PictureRequest] {
        guard request.slot == .zoom, let task, case .form(let form) = task.content.body, let index = task.scroll.selected else { return [] }
        return [index + 1, index - 1].filter(form.fields.indices.contains).compactMap { neighbour in
            zoomRequest(task, field: form.fields[neighbour], region: Rect(row: 0, column: 0, rows: request.size.rows, columns: request.size.columns))
        }
    }

    /// Keeps a picture that arrived for the open task (one for a task left since is dropped).
    /// For the zoomed crop of a form field, draws its neighbours' crops ahead (`Effect.drawAhead`).
    mutating func pictureLoaded(_ request: PictureRequest, _ picture: MediaPicture) -> [Effect] {
        guard task?.claim.loopName == request.loop else { return [] }
        task?.pictures.store(picture, for: request)
        scrollTask(by: 0)
        let ahead = picture.problem == nil ? neighbourZooms(of: request) : []
        return ahead.isEmpty ? [] : [.drawAhead(ahead)]
    }

    /// Full screen, zoom, pan, and opening the original.
    mutating func pictureCommand(_ command: WorkstationCommand) -> [Effect] {
        guard let task else { return [] }
        guard task.content.showsMedia else {
            message = StatusMessage("This task has no picture", .warning)
            return []
        }
        switch command {
        case .fullScreen: self.task?.pictures.frame.fullScreen.toggle()
        case .zoomIn: self.task?.pictures.frame.zoom(by: 1)
        case .zoomOut: self.task?.pictures.frame.zoom(by: -1)
        case .panLeft: self.task?.pictures.frame.pan(x: -1, y: 0)
        case .panRight: self.task?.pictures.frame.pan(x: 1, y: 0)
        case .panUp: self.task?.pictures.frame.pan(x: 0, y: -1)
        case .panDown: self.task?.pictures.frame.pan(x: 0, y: 1)
        case .openOriginal: return [.openOriginal(task.claim.loopName)]
        default: return []
        }
        scrollTask(by: 0)
        return []
    }

    /// Pixel-protocol pictures to place after the frame: none under a box or the dashboard pane.
    var graphics: [GraphicsPlacement] {
        guard let task, overlay == nil, !showsDashboard, size.fits(Self.minimumSize) else { return [] }
        let regions = TaskLayout.regions(task.content, size: size, pictures: task.pictures.mode)
        return [(task.pictures.page, regions.picture), (task.pictures.zoom, regions.zoom)].compactMap { shown, rect in
            guard let shown, let origin = PictureView.origin(of: shown.picture, in: rect) else { return nil }
            return shown.picture.graphics(at: origin)
        }
    }
}

extension TaskState {
    /// The form field under the cursor, if the task is a form.
    var selectedField: FormItem? {
        guard case .form(let form) = content.body, let index = scroll.selected, form.fields.indices.contains(index) else { return nil }
        return form.fields[index]
    }
}
