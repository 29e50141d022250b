import ArgumentParser
import Foundation
import GANPortFormats

/// Documented exit codes of `ganport` (also in SPEC.md).
public enum ExitStatus {
    /// Security findings were reported (`inspect`), or a file was refused because of them (`convert`).
    public static let findings: Int32 = 1
    /// The input could not be read: missing, unknown format, or malformed (a typed reader error).
    public static let badInput: Int32 = 2
    /// The output could not be written.
    public static let outputFailed: Int32 = 3
}

/// Prints `message` to standard error as one line prefixed by `ganport: error:`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("ganport: error: \(message)\n".utf8))
}

/// Prints `message` to standard error (progress, notes).
func printNote(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

/// Runs `body`, turning reader errors into a one-line message and exit code 2.
func readingInput<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as MalformedPickleWithFindings {
        for finding in error.findings { printNote("  [\(finding.severity.rawValue)] \(finding)") }
        printError("\(path): \(error.underlying); the stream already held \(error.findings.count) security finding(s) before it broke off")
        throw ExitCode(ExitStatus.findings)
    } catch {
        printError("\(path): \(error)")
        throw ExitCode(ExitStatus.badInput)
    }
}
