import Foundation

/// The output tree as S3 objects: `QUEUE/output/BUCKET/KEY` is `s3://BUCKET/KEY`, so the URIs in
/// DescribeHumanLoop and the API's GetObject name the files a flow's `S3OutputPath` leads to.
extension QueueDirectory {
    /// The `BUCKET/PREFIX` an S3 output path names, or nil when `path` is not an S3 address. Takes
    /// `s3://BUCKET/PREFIX` and the HTTPS forms A2I accepts: `https://BUCKET.s3.amazonaws.com/PREFIX`,
    /// `https://BUCKET.s3.REGION.amazonaws.com/PREFIX` and path-style `https://s3[.REGION].amazonaws.com/BUCKET/PREFIX`,
    /// and the same on `amazonaws.com.cn` (the China regions).
    public static func s3Location(_ path: String) -> String? {
        if path.hasPrefix("s3://") { return String(path.dropFirst(5)) }
        guard path.hasPrefix("https://") else { return nil }
        let rest = path.dropFirst(8)
        let host = rest.prefix { $0 != "/" }.lowercased()
        let tail = rest.dropFirst(host.count).drop { $0 == "/" }
        guard let domain = [".amazonaws.com", ".amazonaws.com.cn"].first(where: { host.hasSuffix($0) }) else { return nil }
        let labels = host.split(separator: ".").dropLast(domain == ".amazonaws.com" ? 2 : 3)
        if labels.first == "s3" || labels.first?.hasPrefix("s3-") == true { return String(tail) }
        guard let index = labels.firstIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") }), index > labels.startIndex else { return nil }
        return labels[labels.startIndex..<index].joined(separator: ".") + "/" + tail
    }

    /// `s3://BUCKET/KEY` for a file of the output tree, else its `file://` URL.
    public func objectURI(of file: URL) -> String {
        let prefix = defaultOutputURL.standardizedFileURL.path + "/"
        let path = file.standardizedFileURL.path
        guard path.hasPrefix(prefix), path.dropFirst(prefix.count).contains("/") else { return file.absoluteString }
        return "s3://" + path.dropFirst(prefix.count)
    }

    /// The file an `OutputS3Uri` names: `s3://bucket/key` in the output tree (see `objectFile(bucket:key:)`),
    /// or a `file://` URL as it is; nil otherwise.
    public func objectFile(uri: String) -> URL? {
        guard uri.hasPrefix("s3://") else { return uri.hasPrefix("file://") ? URL(string: uri) : nil }
        let parts = uri.dropFirst(5).split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? objectFile(bucket: String(parts[0]), key: String(parts[1])) : nil
    }

    /// The file that `s3://bucket/key` names in the output tree, or nil when no such regular file is
    /// there: keys with empty, `.` or `..` segments, and files reached through a symbolic link, name nothing.
    public func objectFile(bucket: String, key: String) -> URL? {
        let segments = ([bucket] + key.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
        guard !key.isEmpty, segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\u{0}") }) else { return nil }
        let file = segments.reduce(defaultOutputURL) { $0.appending(path: $1) }
        guard let real = realpath(file.path, nil) else { return nil }
        defer { free(real) }
        guard let outputRoot = realpath(defaultOutputURL.path, nil) else { return nil }
        defer { free(outputRoot) }
        var info = stat()
        guard String(cString: real) == String(cString: outputRoot) + "/" + segments.joined(separator: "/"),
              stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFREG
        else { return nil }
        return file
    }
}
