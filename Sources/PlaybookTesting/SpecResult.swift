/// How one test ended.
package struct SpecResult: Sendable {
    /// Passed, failed an assertion, raised another error, or pending.
    package enum Status: String, Sendable {
        case passed, failed, error, pending
    }

    /// The spec file, as named on the command line.
    package let file: String
    /// The names of its describe blocks and its own, joined by spaces.
    package let name: String
    /// How it ended.
    package let status: Status
    /// The failure's or error's message (`file:line: ...`).
    package let message: String?
    /// The seed it ran with (`--seed` replays it).
    package let seed: UInt64
    /// How long it took, in seconds.
    package let seconds: Double
}

/// What running one spec file found: its tests, and problems of the file itself (a compile
/// error, an error outside any test, a failing teardown).
package struct SpecFileResult: Sendable {
    /// The spec file, as named.
    package let file: String
    /// Its tests, in order.
    package var tests: [SpecResult] = []
    /// Problems outside the tests.
    package var problems: [String] = []
    /// Whether a problem was a compile error (exit 2).
    package var compileError = false
    /// How long the file took, in seconds.
    package var seconds = 0.0
}
