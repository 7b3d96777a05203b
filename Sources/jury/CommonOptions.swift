import ArgumentParser
import Foundation
import JuryCore
import JuryJSON
import JuryService
import JuryCanvas

/// `--queue PATH` (default `$JURY_QUEUE`), `--socket PATH` or `--via ssh://…`: where the queue service is.
struct QueueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The queue directory (default: $JURY_QUEUE).", valueName: "path"))
    var queue: String?
    @Option(name: .long, help: ArgumentHelp("The queue service's socket, e.g. one forwarded by `ssh -L` (default: QUEUE/jury.sock).", valueName: "path"))
    var socket: String?
    @Option(name: .long, help: ArgumentHelp(
        "The queue service on another host, reached through ssh as your login there: ssh://[user@]host[:port]/path/to/queue.",
        valueName: "address"))
    var via: String?

    /// The queue directory, or an error that says how to name one.
    func directory() throws -> QueueDirectory {
        guard let path = queue ?? ProcessInfo.processInfo.environment["JURY_QUEUE"], !path.isEmpty else {
            throw ValidationError("no queue: pass --queue PATH or set JURY_QUEUE")
        }
        return QueueDirectory(URL(filePath: path, directoryHint: .isDirectory))
    }

    /// The queue service: through ssh with `--via`, over its socket when one answers, else in this process.
    func connect(as identity: IdentityOptions = IdentityOptions()) throws -> QueueConnection {
        if let via {
            guard queue == nil, socket == nil else { throw ValidationError("--via names the queue on another host: give it without --queue and --socket") }
            let forward = try SSHForward(to: try SSHDestination(parsing: via))
            return QueueConnection(transport: try SocketTransport(through: forward, actingAs: identity.reviewer))
        }
        let directory = socket != nil && queue == nil && ProcessInfo.processInfo.environment["JURY_QUEUE"] == nil ? nil : try self.directory()
        return try QueueEndpoint.connect(queue: directory, socket: socket, actingAs: identity.reviewer)
    }
}

/// `--reviewer NAME`: honoured on demo queues only; elsewhere the OS login name is the identity.
struct IdentityOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Act as NAME (queues made with `jury init --demo` only).", valueName: "name"))
    var reviewer: String?
}

/// `--theme NAME|PATH` for the terminal screens (`jury review`, `jury dashboard`).
struct ThemeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Theme name or path: dark, light, high-contrast, monochrome (built in), or a file of docs/themes.md.",
                               valueName: "name"))
    var theme: String?
}

/// `--json` for commands that read.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    /// Prints `value` as JSON (`Console.printJSON`) or `lines` for people (`Console.say(lines:)`).
    func emit(_ value: JSONValue, lines: @autoclosure () -> [String]) {
        if json { Console.printJSON(value) } else { Console.say(lines: lines()) }
    }

    /// As `emit`, the text being data (`Console.emitData`).
    func emit(_ value: JSONValue, data: @autoclosure () -> String) {
        if json { Console.printJSON(value) } else { Console.emitData(data()) }
    }
}

/// Reads an ISO 8601 time given to `option`.
func parseTime(_ text: String, option: String) throws -> Date {
    guard let date = Timestamp.parse(text) else { throw ValidationError("\(option) takes an ISO 8601 time such as 2026-01-31T12:00:00Z") }
    return date
}

/// Reads a file argument, `-` meaning standard input.
func readInput(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    do {
        return try Data(contentsOf: URL(filePath: path))
    } catch {
        throw ValidationError("cannot read \(path): \(error.localizedDescription)")
    }
}

/// Reads a file argument (`-` for standard input), never more than `limit` bytes (plus one, to tell).
/// - Throws: `ValidationError` naming the file and the limit when it holds more, or when it cannot be read.
func readInput(_ path: String, limit: Int) throws -> Data {
    let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
    guard let handle else { throw ValidationError("cannot read \(path)") }
    let data: Data
    do {
        data = try handle.read(upToCount: limit + 1) ?? Data()
    } catch {
        throw ValidationError("cannot read \(path): \(error.localizedDescription)")
    }
    guard data.count <= limit else { throw ValidationError("\(path) has more than \(limit) bytes, the most a loop's request may have") }
    return data
}

/// Reads an answer file argument (`-` for standard input), never more than `AnswerContent.maximumBytes`.
func readAnswer(_ path: String) throws -> JSONValue {
    guard path != "-" else { return try AnswerContent.read(from: .standardInput, name: "standard input") }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
    return try AnswerContent.read(from: handle, name: path)
}

/// Parses JSON from a file argument of at most `Ingest.maximumFileBytes` (a loop's request, whole), naming
/// the file in errors.
func readJSON(_ path: String) throws -> JSONValue {
    do {
        return try JSONValue.parse(try readInput(path, limit: Ingest.maximumFileBytes))
    } catch let error as JSONReadError {
        throw ValidationError("\(path): \(error.description)")
    }
}

/// What commands print for people: every text passes the sanitizer (control characters and escape
/// sequences from task data become visible pictures). Each line is sanitised on its own as one line,
/// so a newline inside data shows as "␤" and cannot start a line that looks like the command's own.
enum Console {
    static func say(_ line: String) { say(lines: [line]) }
    static func say(lines: [String]) { print(lines.map { Sanitizer.sanitize($0).description }.joined(separator: "\n")) }
    /// Prints `value` as indented JSON with the scalars a terminal would act on or hide escaped as
    /// `\uXXXX` (`Sanitizer.mayHide`), which leaves the value itself unchanged.
    static func printJSON(_ value: JSONValue) { print(value.encodedString(pretty: true, alsoEscaping: Sanitizer.mayHide)) }
    /// Prints data (CSV, say) as `shownAsData` gives it.
    static func emitData(_ text: String) { print(shownAsData(text)) }
    /// Data as it is for a pipe or a file, sanitised when standard output is a terminal: the data may hold
    /// tabs, invisible characters or escape sequences that a file must keep and a terminal must not act on.
    static func shownAsData(_ text: String) -> String {
        isatty(STDOUT_FILENO) == 1 ? Sanitizer.sanitize(text, mode: .multiline).description : text
    }
    static func warn(_ line: String) { FileHandle.standardError.write(Data((Sanitizer.sanitize(line).description + "\n").utf8)) }
}
