import Foundation
import JSONValues
import LuaRuntime
import WholesaleAPI

/// The host side of `wholesale.test`: `run`, the simulator handle's functions, and the spec
/// file's hooks the glue calls. `current` gives the seed and speed of the test being run.
enum SpecModule {
    /// The functions, for the spec at `specPath`.
    static func functions(specPath: String, handles: SpecHandles, current: @escaping @Sendable () -> SpecDefaults) -> [HostFunction] {
        [
            .async("test.run") { arguments in
                let path = try arguments.string(1)
                let options = try arguments.optionalObject(2, name: "opts") ?? [:]
                let run = try TestRun.read(path: path, options: options, specPath: specPath, handles: handles, defaults: current())
                return .work {
                    guard case .object(var result) = await run.perform() else { return .none }
                    result["state"] = .object(["_world": .integer(handles.keep(run.world))])
                    return .value(.object(result))
                }
            },
            .sync("test._sim_new") { arguments in
                let defaults = current()
                let function = "wholesale.test.sim"
                let scenario = try SpecScenario.read(try arguments.value(1, name: "scenario"), specPath: specPath, function: function)
                let options = try arguments.optionalObject(2, name: "opts") ?? [:]
                let unknown = Set(options.keys).subtracting(["speed", "seed", "faults"])
                guard unknown.isEmpty else { throw HostError.usage("\(function): unknown option \(unknown.sorted().joined(separator: ", ")) (speed, seed, faults)") }
                let speed = options["speed"]?.number ?? defaults.speed
                guard speed > 0 else { throw HostError.usage("\(function): speed must be a number above 0") }
                let seed = options["seed"]?.integerValue.map { UInt64(max(0, $0)) } ?? defaults.seed
                let faults = options["faults"]?.stringValue ?? ""
                do {
                    let simulator = try SpecSimulator(scenario: scenario, faults: faults, seed: seed, speed: speed)
                    return .value(.integer(handles.keep(simulator)))
                } catch {
                    throw HostError.usage("wholesale.test.sim: \(error)")
                }
            },
            .async("test._sim_customers") { arguments in
                let simulator = try Self.simulator(arguments, handles, "customers")
                let filter = try arguments.optionalObject(2, name: "filter") ?? [:]
                let client = simulator.reader()
                let externalId = filter["externalId"]?.stringValue, orgId = filter["orgId"]?.stringValue
                let status = filter["status"]?.stringValue.map { [$0] } ?? []
                let scope = filter["onBehalfOf"]?.stringValue
                return .work {
                    let customers = try await client.listCustomers(externalId: externalId, orgId: orgId, status: status, onBehalfOf: scope).collect()
                    return .value(.array(customers.map { LuaValue($0.jsonValue) }))
                }
            },
            .async("test._sim_subscribers") { arguments in
                let simulator = try Self.simulator(arguments, handles, "subscribers")
                let filter = try arguments.optionalObject(2, name: "filter") ?? [:]
                let client = simulator.reader()
                let (customerId, email) = (filter["customerId"]?.stringValue, filter["email"]?.stringValue)
                let (externalCustomerId, status) = (filter["externalCustomerId"]?.stringValue, filter["status"]?.stringValue)
                let scope = filter["onBehalfOf"]?.stringValue
                return .work {
                    let subscribers = try await client.listSubscribers(
                        customerId: customerId, externalCustomerId: externalCustomerId, email: email, status: status, onBehalfOf: scope).collect()
                    return .value(.array(subscribers.map { LuaValue($0.jsonValue) }))
                }
            },
            .sync("test._sim_requests") { arguments in
                let simulator = try Self.simulator(arguments, handles, "requests")
                return .value(.array(simulator.requests.map { request in
                    var object: [String: LuaValue] = [
                        "method": .string(request.method), "path": .string(request.path),
                        "query": .object(request.query.mapValues(LuaValue.string)), "status": .integer(Int64(request.status)),
                    ]
                    if let operation = request.operation { object["operation"] = .string(operation.rawValue) }
                    if let body = request.body { object["body"] = LuaValue(body) }
                    return .object(object)
                }))
            },
            .sync("test._sim_advance") { arguments in
                let simulator = try Self.simulator(arguments, handles, "advance")
                let seconds = try arguments.number(2)
                guard seconds >= 0, seconds.isFinite else { throw HostError.usage("sim.advance: seconds must be a number from 0") }
                simulator.clock.advance(by: seconds)
                return .none
            },
            .sync("test._sim_fail_next") { arguments in
                let simulator = try Self.simulator(arguments, handles, "fail_next")
                let spec = try arguments.object(2, name: "spec")
                let unknown = Set(spec.keys).subtracting(["operation", "status", "times"])
                guard unknown.isEmpty else {
                    throw HostError.usage("sim.fail_next: unknown key \(unknown.sorted().joined(separator: ", ")) (operation, status, times)")
                }
                guard let name = spec["operation"]?.stringValue, let operation = WholesaleAPI.Operation(rawValue: name) else {
                    throw HostError.usage("sim.fail_next: operation must name an API operation, e.g. \"customers.provision\"")
                }
                guard let status = spec["status"]?.integerValue, (400...599).contains(status) else {
                    throw HostError.usage("sim.fail_next: status must be an HTTP error status, 400 to 599")
                }
                let times = spec["times"]?.integerValue ?? 1
                guard times >= 1 else { throw HostError.usage("sim.fail_next: times must be at least 1") }
                simulator.failNext(operation, status: Int(status), times: Int(times))
                return .none
            },
        ]
    }

    /// The simulator whose handle is the first argument.
    private static func simulator(_ arguments: LuaArguments, _ handles: SpecHandles, _ name: String) throws(HostError) -> SpecSimulator {
        guard let handle = try arguments.optionalInteger(1), let simulator = handles.simulator(handle) else {
            throw HostError.usage("sim.\(name): call it on a simulator from wholesale.test.sim")
        }
        return simulator
    }
}
