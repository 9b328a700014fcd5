import Foundation
import Synchronization
import SiteBuilder

/// Writing to the terminal: errors and progress to standard error, results to standard output.
enum Terminal {
    /// Whether standard error is an interactive terminal.
    static let isInteractive = isatty(STDERR_FILENO) == 1

    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Shows the build's stages: a counter redrawn in place on a terminal, plain lines otherwise.
final class ProgressReporter: Sendable {
    private let quiet: Bool
    private let state = Mutex(State())

    private struct State {
        var stage = 0
        var lineOpen = false
    }

    /// The number of stages a build reports.
    private static let stageCount = 6

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func report(_ event: BuildEvent) {
        guard !quiet, case let .stage(name) = event else { return }
        state.withLock { state in
            state.stage += 1
            let text = "[\(min(state.stage, Self.stageCount))/\(Self.stageCount)] \(name)"
            if Terminal.isInteractive {
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
