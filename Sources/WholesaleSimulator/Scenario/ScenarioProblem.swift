/// One thing wrong with a scenario file: where (the JSON path and its line) and what.
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    /// The JSON path (`customers[3].status`); empty for the file as a whole.
    public var path: String
    /// The line the value starts on, when known.
    public var line: Int?
    /// What is wrong, and what to do.
    public var message: String

    /// `LINE: PATH: message` (the file name is the caller's to add).
    public var description: String {
        (line.map { "\($0): " } ?? "") + (path.isEmpty ? "" : path + ": ") + message
    }
}

/// A scenario file that cannot be used: every problem found, each with its path and line.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// What is wrong with it.
    public var problems: [ScenarioProblem]

    /// One line per problem: `FILE:LINE: PATH: message`, or `FILE: PATH: message` without a line.
    public var description: String {
        problems.map { "\(file):\($0.line == nil ? " " : "")\($0.description)" }.joined(separator: "\n")
    }
}
