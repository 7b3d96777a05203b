import Foundation
import JuryCanvas

/// Decoded images and rendered mosaics, least recently used first out, within a byte budget.
/// Keys: the reference (source and page) plus the decode size, and for mosaics the crop, size and
/// options. Thread-safe (one lock), so decoding can run off the key loop; an image is decoded by one
/// caller at a time, the others asking for it meanwhile wait for that decode (`claimImage`). Not
/// global: one per workstation.
public final class MediaCache: @unchecked Sendable {
    struct ImageKey: Hashable { var reference: MediaReference; var fitting: PixelSize? }
    struct MosaicKey: Hashable { var image: ImageKey; var crop: BoundingBox?; var size: Size; var options: RenderOptions }

    /// Bytes of decoded pixels kept (mosaics count 64 bytes a cell).
    public let budget: Int
    private let lock = NSCondition()
    /// Images a caller of `claimImage` is decoding.
    private var decoding: Set<ImageKey> = []
    /// Callers of `claimImage` waiting for another's decode.
    private var waiting = 0
    private var images: [ImageKey: (image: DecodedImage, used: UInt64)] = [:]
    private var mosaics: [MosaicKey: (canvas: Canvas, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var bytes = 0

    /// Default budget: 256 MiB.
    public init(budget: Int = 256 << 20) {
        self.budget = budget
    }

    /// The image of `key` when it is cached. Else, while another caller decodes it, waits for that decode
    /// to end and looks again; else nil, and the caller is to decode it and then call `endDecoding(key)`,
    /// whether or not it stored an image. So a slow or endless decode runs once, however many pictures
    /// of that image are asked for meanwhile.
    func claimImage(_ key: ImageKey) -> DecodedImage? {
        lock.withLock {
            while true {
                if let cached = images[key] {
                    clock += 1
                    images[key]?.used = clock
                    return cached.image
                }
                guard decoding.contains(key) else {
                    decoding.insert(key)
                    return nil
                }
                waiting += 1
                lock.wait()
                waiting -= 1
            }
        }
    }

    /// How many callers of `claimImage` wait for another's decode now.
    var waitingClaims: Int { lock.withLock { waiting } }

    /// Ends the decode of `key` that `claimImage` gave this caller; those waiting for it look again.
    func endDecoding(_ key: ImageKey) {
        lock.withLock {
            decoding.remove(key)
            lock.broadcast()
        }
    }

    func store(_ image: DecodedImage, for key: ImageKey) {
        lock.withLock {
            clock += 1
            if let old = images.updateValue((image, clock), forKey: key) { bytes -= old.image.byteCount }
            bytes += image.byteCount
            evict()
        }
    }

    func mosaic(_ key: MosaicKey) -> Canvas? {
        lock.withLock {
            clock += 1
            mosaics[key]?.used = clock
            return mosaics[key]?.canvas
        }
    }

    func store(_ canvas: Canvas, for key: MosaicKey) {
        lock.withLock {
            clock += 1
            if let old = mosaics.updateValue((canvas, clock), forKey: key) { bytes -= Self.cost(old.canvas) }
            bytes += Self.cost(canvas)
            evict()
        }
    }

    /// Drops least recently used entries until within budget (the newest entry always stays).
    private func evict() {
        while bytes > budget, images.count + mosaics.count > 1 {
            let oldestImage = images.min { $0.value.used < $1.value.used }
            let oldestMosaic = mosaics.min { $0.value.used < $1.value.used }
            if let image = oldestImage, (oldestMosaic.map { image.value.used < $0.value.used } ?? true) {
                bytes -= image.value.image.byteCount
                images[image.key] = nil
            } else if let mosaic = oldestMosaic {
                bytes -= Self.cost(mosaic.value.canvas)
                mosaics[mosaic.key] = nil
            }
        }
    }

    private static func cost(_ canvas: Canvas) -> Int { canvas.size.rows * canvas.size.columns * 64 }
}
