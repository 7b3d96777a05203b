import ArgumentParser
import Foundation
import JuryCore

/// `--queue PATH`, defaulting to `$JURY_QUEUE`.
struct QueueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The queue directory (default: $JURY_QUEUE).", valueName: "path"))
    var queue: String?

    /// The queue directory, or an error that says how to name one.
    func directory() throws -> QueueDirectory {
        guard let path = queue ?? ProcessInfo.processInfo.environment["JURY_QUEUE"], !path.isEmpty else {
            throw ValidationError("no queue: pass --queue PATH or set JURY_QUEUE")
        }
        return QueueDirectory(URL(filePath: path, directoryHint: .isDirectory))
    }

    func openLedger() throws -> Ledger { try Ledger(queue: directory()) }
}

/// `--reviewer NAME`: honoured on demo queues only; elsewhere the OS login name is the identity.
struct IdentityOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Act as NAME (queues made with `jury init --demo` only).", valueName: "name"))
    var reviewer: String?

    /// Who is acting: `--reviewer` on a demo queue, else the login name.
    func identity(in ledger: Ledger) throws -> String {
        guard let reviewer else { return LoginName.current() }
        guard try ledger.isDemo() else {
            throw JuryError.forbidden("--reviewer is only accepted on demo queues (`jury init --demo`); here you act as \(LoginName.current())")
        }
        return reviewer
    }
}

/// `--json` for commands that read.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func emit(_ value: JSONValue, text: @autoclosure () -> String) {
        print(json ? value.encodedString(pretty: true) : text())
    }
}

/// The operating system's name for the user running this process.
enum LoginName {
    static func current() -> String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid-\(getuid())"
    }
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

/// Reads an answer file argument (`-` for standard input), never more than `AnswerContent.maximumBytes`.
func readAnswer(_ path: String) throws -> JSONValue {
    guard path != "-" else { return try AnswerContent.read(from: .standardInput, name: "standard input") }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
    return try AnswerContent.read(from: handle, name: path)
}

/// Parses JSON from a file argument, naming the file in errors.
func readJSON(_ path: String) throws -> JSONValue {
    do {
        return try JSONValue.parse(try readInput(path))
    } catch let error as JSONReadError {
        throw ValidationError("\(path): \(error.description)")
    }
}
