package import Foundation
package import GazetteCore

/// Reads, in one `git log`, the date of the last commit that touched each of some files in
/// `content/`.
package enum CommitDates {
    /// Commit dates of `paths` (relative to `content/`); empty when the site is not in a git
    /// checkout or git is not installed.
    ///
    /// Only the files asked for are looked at: `git log --name-only` over a whole folder
    /// compares every commit's tree with its parent's, which took 20 s in a checkout of 10,000
    /// articles and as many commits; restricted to a few files, it took 0.16 s.
    package static func read(contentFolder: URL, paths: [String]) -> [String: Timestamp] {
        guard !paths.isEmpty else { return [:] }
        // Past some thousands the arguments grow long, and the whole folder costs no more.
        let pathspecs = paths.count > maximumPathspecs ? ["."] : paths
        guard
            let log = run(
                ["log", "--format=%x00%cI", "--name-only", "--no-renames", "--relative", "--"] + pathspecs,
                in: contentFolder)
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
        let asked = Set(paths)
        return dates.filter { asked.contains($0.key) }
    }

    /// The most paths `read(contentFolder:paths:)` names to git.
    static let maximumPathspecs = 2_000

    /// The commit checked out in the repository holding `contentFolder`; `nil` outside git.
    package static func head(contentFolder: URL) -> String? {
        run(["rev-parse", "HEAD"], in: contentFolder)
    }

    private static func run(_ arguments: [String], in folder: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Paths are names, never patterns (`*`, `?`, `[` are legal in file names).
        process.arguments = ["git", "--literal-pathspecs", "-C", folder.path] + arguments
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
