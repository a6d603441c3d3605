/// A Lua value that cannot leave the VM as data, with the path to the part at fault,
/// e.g. `body.address: cycle` or `body.packages[2]: function is not JSON`.
public struct LuaConversionError: Error, Sendable, CustomStringConvertible {
    /// Where in the value the problem is (`body.address.country`); Lua indexes count from 1.
    public let path: String
    /// What is wrong there.
    public let problem: String

    /// Creates an error for `problem` at `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// `path: problem`.
    public var description: String { "\(path): \(problem)" }
}
