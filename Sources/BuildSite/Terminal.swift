import Foundation
import SiteBuilder
import Synchronization

/// Writing to the terminal: errors and progress to standard error, results to standard output.
enum Terminal {
    /// Whether standard error is an interactive terminal.
    static let isInteractive = isatty(STDERR_FILENO) == 1

    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Shows the build's stages: a counter redrawn in place on a terminal, plain lines otherwise,
/// and with `verbose`, plain lines with the time each stage started.
final class ProgressReporter: Sendable {
    /// How much to show.
    enum Detail {
        case quiet, normal, verbose
    }

    private let detail: Detail
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    private struct State {
        var stage = 0
        var lineOpen = false
    }

    /// The number of stages the build reports.
    private let stageCount: Int

    /// - Parameters:
    ///   - detail: How much to show.
    ///   - stages: How many stages the build reports (`SiteBuild.stageCount`).
    init(_ detail: Detail, stages: Int) {
        self.detail = detail
        stageCount = stages
    }

    func report(_ event: BuildEvent) {
        guard detail != .quiet, case .stage(let name) = event else { return }
        let elapsed = (ContinuousClock.now - started).components
        let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        state.withLock { state in
            state.stage += 1
            let text = "[\(min(state.stage, stageCount))/\(stageCount)] \(name)"
            if detail == .verbose {
                Terminal.error("\(text) (at \(milliseconds) ms)")
            } else if Terminal.isInteractive {
                FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
                state.lineOpen = true
            } else {
                Terminal.error(text)
            }
        }
    }

    /// Ends the redrawn line so what follows starts on a clean one.
    func finish() {
        state.withLock { state in
            if state.lineOpen {
                FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
                state.lineOpen = false
            }
        }
    }
}
