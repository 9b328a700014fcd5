package import Foundation
package import GazetteCore

/// Reads, in one `git log`, the date of the last commit that touched each file in `content/`.
package enum CommitDates {
    /// Commit dates by path relative to `content/`; empty when the site is not in a git
    /// checkout or git is not installed.
    package static func read(contentFolder: URL) -> [String: Timestamp] {
        guard
            let log = run(
                ["log", "--format=%x00%cI", "--name-only", "--no-renames", "--relative", "--", "."], in: contentFolder)
        else {
            return [:]
        }
        var dates: [String: Timestamp] = [:]
        var current: Timestamp?
        for line in log.split(separator: "\n") {
            if line.hasPrefix("\u{0}") {
                current = Timestamp.parse(String(line.dropFirst()))
            } else if let current, dates[String(line)] == nil {
                dates[String(line)] = current
            }
        }
        return dates
    }

    /// The commit checked out in the repository holding `contentFolder`; `nil` outside git.
    package static func head(contentFolder: URL) -> String? {
        run(["rev-parse", "HEAD"], in: contentFolder)
    }

    private static func run(_ arguments: [String], in folder: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
