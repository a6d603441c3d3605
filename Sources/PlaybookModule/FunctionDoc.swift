/// How a function of the `wholesale` module looks to a script and to an editor: its dotted
/// name, parameters and results as LuaCATS types, and one line on what it does. The API
/// functions declare theirs with their implementation; `wholesale types` prints them all, and a
/// test checks that they name exactly the functions a run installs.
struct FunctionDoc: Sendable {
    /// One parameter: a name and a LuaCATS type (`string`, `table?`, `wholesale.Customer`).
    struct Parameter: Sendable {
        package let name: String
        package let type: String
    }

    /// The dotted name inside the module: `customers.get`.
    package let name: String
    /// The parameters, in order.
    package let parameters: [Parameter]
    /// The result types, in order (empty for none).
    package let returns: [String]
    /// What it does, in one sentence.
    package let summary: String

    /// Creates a doc from `(name, type)` pairs.
    package init(_ name: String, _ parameters: [(String, String)] = [], returns: [String] = [], _ summary: String) {
        self.name = name
        self.parameters = parameters.map { Parameter(name: $0.0, type: $0.1) }
        self.returns = returns
        self.summary = summary
    }

    /// The 1-based position of parameter `name`, if it has one.
    func position(of name: String) -> Int? {
        parameters.firstIndex { $0.name == name }.map { $0 + 1 }
    }

    /// `wholesale.customers.get(id, opts)`.
    var signature: String {
        "wholesale.\(name)(" + parameters.map(\.name).joined(separator: ", ") + ")"
    }
}
