import Foundation
package import LuaRuntime
import JSONValues

/// Builds `wholesale.args` from `--vars FILE.json` and `--var KEY=VALUE` options.
package enum PlaybookArguments {
    /// A problem with the options, worded for the command line.
    package struct Problem: Error, CustomStringConvertible {
        /// What is wrong and how to fix it.
        package let description: String
    }

    /// The arguments: the file's members first, then each `KEY=VALUE` as a string.
    package static func make(variables: [String], variablesFile: String?) throws(Problem) -> [String: LuaValue] {
        var arguments: [String: LuaValue] = [:]
        if let variablesFile {
            guard let data = FileManager.default.contents(atPath: variablesFile) else {
                throw Problem(description: "--vars \(variablesFile): cannot read the file")
            }
            let value: LuaValue
            do {
                value = try LuaValue(json: data)
            } catch {
                throw Problem(description: "--vars \(variablesFile): \(error)")
            }
            guard case .object(let members) = value else {
                throw Problem(description: "--vars \(variablesFile): the file must hold a JSON object ({\"key\": value, ...})")
            }
            arguments = members
        }
        for variable in variables {
            guard let equals = variable.firstIndex(of: "="), equals != variable.startIndex else {
                throw Problem(description: "--var \(variable): expected KEY=VALUE, e.g. --var region=emea")
            }
            arguments[String(variable[..<equals])] = .string(String(variable[variable.index(after: equals)...]))
        }
        return arguments
    }
}
