/// JSON text that could not be decoded, with the line and column of the problem.
public struct JSONError: Error, Sendable, CustomStringConvertible {
    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column (in bytes) of the problem.
    public let column: Int
    /// What is wrong there.
    public let problem: String

    /// `line L, column C: problem`.
    public var description: String { "line \(line), column \(column): \(problem)" }
}
