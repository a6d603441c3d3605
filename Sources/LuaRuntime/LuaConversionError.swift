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

/// Builds the path of a member: `a.b` for identifiers, `a["x y"]` otherwise, `a[3]` for indexes.
enum LuaPath {
    static func member(_ base: String, _ key: String) -> String {
        let isIdentifier = !key.isEmpty && key.utf8.allSatisfy { c in
            (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95
        } && !(key.utf8.first! >= 48 && key.utf8.first! <= 57)
        return isIdentifier ? "\(base).\(key)" : "\(base)[\"\(key)\"]"
    }

    static func index(_ base: String, _ i: Int64) -> String { "\(base)[\(i)]" }
}
