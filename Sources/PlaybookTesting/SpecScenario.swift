import Foundation
import JSONValues
import LuaRuntime
import WholesaleSimulator

/// The `scenario` option of `wholesale.test.run` and `wholesale.test.sim`: a scenario file
/// (relative to the spec), or a table in the scenario format (docs/simulator.md#scenarios).
enum SpecScenario {
    /// The scenario `value` gives, or nil for the simulator's seed data.
    static func read(_ value: LuaValue?, specPath: String, function: String) throws(HostError) -> Scenario? {
        guard let value else { return nil }
        do {
            switch value {
            case .string(let path):
                let folder = (specPath as NSString).deletingLastPathComponent
                let full = path.hasPrefix("/") ? path : ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(path)
                return try Scenario.load(path: full)
            case .object, .array:
                let json: JSONValue
                do { json = try value.jsonValue(path: "scenario") } catch { throw HostError.usage("\(function): \(error)") }
                return try Scenario.from(json, name: "the scenario table")
            default:
                throw HostError.usage("\(function): scenario must be a file name or a table in the scenario format")
            }
        } catch let error as ScenarioError {
            throw HostError.usage("\(function): the scenario cannot be used:\n\(error)")
        } catch let error as HostError {
            throw error
        } catch {
            throw HostError.usage("\(function): \(error)")
        }
    }
}
