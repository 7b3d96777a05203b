import Foundation

/// An error in words for people: a Jury or ArgumentParser error's own text, and Foundation's file and
/// system errors as "cannot write PATH: Not a directory", never the raw `NSCocoaErrorDomain error 512`
/// text Foundation gives on Linux.
public enum ErrorText {
    public static func describe(_ error: any Error) -> String {
        let bridged = error as NSError
        switch bridged.domain {
        case NSCocoaErrorDomain: return fileError(bridged)
        case NSPOSIXErrorDomain: return String(cString: strerror(Int32(bridged.code)))
        default: return String(describing: error)
        }
    }

    /// Whether `error` is one of Foundation's file or system errors (which `describe` puts in words).
    public static func isFoundation(_ error: any Error) -> Bool {
        [NSCocoaErrorDomain, NSPOSIXErrorDomain].contains((error as NSError).domain)
    }

    /// A Foundation file error: what failed (read or write), on which path, and why (the system's reason
    /// when one is underneath, else the code's meaning).
    private static func fileError(_ error: NSError) -> String {
        let path = error.userInfo[NSFilePathErrorKey] as? String ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0 : nil }
        let reason = underlying.map { String(cString: strerror(Int32($0.code))) } ?? reasons[error.code] ?? "file error \(error.code)"
        let verb = (256..<512).contains(error.code) ? "cannot read" : (512..<1024).contains(error.code) ? "cannot write" : "cannot use"
        return path.map { "\(verb) \($0): \(reason)" } ?? "\(verb) the file: \(reason)"
    }

    /// CocoaError codes' meanings (Foundation's own texts are generic on Linux).
    private static let reasons: [Int: String] = [
        CocoaError.fileNoSuchFile.rawValue: "no such file", CocoaError.fileReadNoSuchFile.rawValue: "no such file",
        CocoaError.fileReadNoPermission.rawValue: "permission denied", CocoaError.fileWriteNoPermission.rawValue: "permission denied",
        CocoaError.fileReadCorruptFile.rawValue: "not in the expected format", CocoaError.fileWriteFileExists.rawValue: "it already exists",
        CocoaError.fileWriteOutOfSpace.rawValue: "no space left on the device", CocoaError.fileWriteVolumeReadOnly.rawValue: "read-only file system",
        CocoaError.fileReadInapplicableStringEncoding.rawValue: "not in the expected text encoding",
        CocoaError.fileReadUnknown.rawValue: "the system refused to read it",
        CocoaError.fileWriteUnknown.rawValue: "the system refused to write it (is a part of the path a file rather than a folder?)",
    ]
}
