/// The checks of `wholesale run`'s limit options, `--timeout SECONDS` and `--max-memory MB`,
/// with messages that say what to pass.
package enum LimitOptions {
    /// The largest `--max-memory`, in MB: its size in bytes must fit in an `Int`.
    package static let largestMemory = Int.max >> 20

    /// What is wrong with `--timeout seconds`, or `nil` when it is a usable limit.
    package static func timeoutProblem(_ seconds: Double) -> String? {
        guard !(seconds >= 0 && seconds.isFinite) else { return nil }
        let shown = seconds == seconds.rounded() && abs(seconds) < 1e15 ? "\(Int(seconds))" : "\(seconds)"
        return "--timeout takes a number of seconds ≥ 0, 0 for no limit (got \(shown))"
    }

    /// What is wrong with `--max-memory megabytes`, or `nil` when it is a usable limit.
    package static func maxMemoryProblem(_ megabytes: Int) -> String? {
        guard !(0...largestMemory).contains(megabytes) else { return nil }
        return "--max-memory takes a number of MB from 0 (no limit) to \(largestMemory) (got \(megabytes))"
    }
}
