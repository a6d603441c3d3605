import Foundation
import JSONValues
import LuaRuntime
import Playbook
import PlaybookAPI
import PlaybookModule
import RunJournal
import WholesaleAPI
import WholesaleSimulator

/// `wholesale.test.run(path, opts)`: runs a playbook in this process against a spec's
/// simulator, as `wholesale run` would run it, and returns what a spec asserts on: `exit`,
/// `stdout`, `stderr` (the report), `logs`, `plan`, `calls`, `files` and `state`.
struct TestRun {
    /// Where the playbook is and what the spec asked for.
    let playbook: String
    var arguments: [String: LuaValue] = [:]
    var dryRun = false
    var timeout: Double = 60
    var killAt: Int?
    var files: [String: String] = [:]
    let world: SpecWorld
    var coverage: CoverageCollector?

    /// Reads `opts` of a call from the spec at `specPath`; `defaults` gives the seed and speed.
    static func read(
        path: String, options: [String: LuaValue], specPath: String, handles: SpecHandles, defaults: SpecDefaults
    ) throws(HostError) -> TestRun {
        let function = "wholesale.test.run"
        let unknown = Set(options.keys).subtracting(["args", "scenario", "faults", "speed", "dry_run", "files", "timeout", "kill_at", "state", "sim", "seed"])
        guard unknown.isEmpty else {
            throw HostError.usage("\(function): unknown option \(unknown.sorted().joined(separator: ", ")) (args, scenario, faults, speed, dry_run, files, timeout, kill_at, state, sim, seed)")
        }
        guard let playbook = SpecPaths.locate(path, besides: specPath) else {
            throw HostError(kind: .io, message: "\(function): no playbook \(path) beside \(specPath) (looked in its folder, the folder above and the current one)")
        }
        let world: SpecWorld
        if case .object(let state)? = options["state"] {
            guard let handle = state["_world"]?.integerValue, let found = handles.world(handle) else {
                throw HostError.usage("\(function): state must be the state of an earlier result (r.state)")
            }
            world = found
        } else {
            let simulator: SpecSimulator
            if case .object(let sim)? = options["sim"] {
                guard let handle = sim["_sim"]?.integerValue, let found = handles.simulator(handle) else {
                    throw HostError.usage("\(function): sim must be a simulator from wholesale.test.sim")
                }
                simulator = found
            } else {
                let seed = try options["seed"].map { value throws(HostError) -> UInt64 in
                    guard let seed = value.integerValue, seed >= 0 else { throw HostError.usage("\(function): seed must be a whole number from 0") }
                    return UInt64(seed)
                } ?? defaults.seed
                let speed = try options["speed"].map { value throws(HostError) -> Double in
                    guard let speed = value.number, speed > 0 else { throw HostError.usage("\(function): speed must be a number above 0") }
                    return speed
                } ?? defaults.speed
                let faults = try options["faults"].map { value throws(HostError) -> String in
                    guard let faults = value.stringValue else { throw HostError.usage("\(function): faults must be a string, as for --sim-faults") }
                    return faults
                } ?? ""
                let scenario = try SpecScenario.read(options["scenario"], specPath: specPath, function: function)
                do {
                    simulator = try SpecSimulator(scenario: scenario, faults: faults, seed: seed, speed: speed)
                } catch {
                    throw HostError.usage("\(function): \(error)")
                }
            }
            world = SpecWorld(simulator: simulator, folder: handles.newFolder())
        }
        var run = TestRun(playbook: playbook, world: world)
        run.coverage = defaults.coverage
        if let args = options["args"] {
            guard case .object(let object) = args else { throw HostError.usage("\(function): args must be a table keyed by name") }
            run.arguments = object
        }
        if let dryRun = options["dry_run"] {
            guard case .boolean(let flag) = dryRun else { throw HostError.usage("\(function): dry_run must be true or false") }
            run.dryRun = flag
        }
        if let timeout = options["timeout"] {
            guard let seconds = timeout.number, seconds > 0 else { throw HostError.usage("\(function): timeout must be a number of seconds above 0") }
            run.timeout = seconds
        }
        if let killAt = options["kill_at"] {
            guard case .object(let object) = killAt, object.keys.sorted() == ["request"], let request = object["request"]?.integerValue, request >= 1 else {
                throw HostError.usage("\(function): kill_at takes { request = N }, N from 1 (the run dies after the N-th request reaches the simulator)")
            }
            run.killAt = Int(request)
        }
        if let files = options["files"] {
            guard case .object(let object) = files else { throw HostError.usage("\(function): files must be a table of file name = contents") }
            for (name, contents) in object {
                guard let text = contents.stringValue else { throw HostError.usage("\(function): files[\"\(name)\"] must be a string") }
                run.files[name] = text
            }
        }
        return run
    }

    /// Runs the playbook and returns the result table.
    func perform() async -> LuaValue {
        let playbookDirectory = (playbook as NSString).deletingLastPathComponent
        for (name, text) in files {
            let target = FileAccess.overlaid(SpecPaths.canonical((playbookDirectory as NSString).appendingPathComponent(name)), in: world.overlay)
            try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: URL(fileURLWithPath: target))
        }
        let before = Self.contents(of: world.overlay)
        let capture = CapturedOutput()
        let kill = KillSwitch()
        let planPath = world.folder + "/plan.json"
        try? FileManager.default.removeItem(atPath: planPath)
        var settings = EmbeddedSimulatorSettings(speed: world.simulator.speed)
        settings.attached = world.simulator.transport(killAt: killAt) { kill.kill(afterRequest: $0) }
        var configuration = PlaybookConfiguration(
            playbookPath: playbook, arguments: arguments, timeLimit: timeout, logLevel: .info, target: "sim", dryRun: dryRun,
            planPath: dryRun ? planPath : nil, simulator: settings, journalPath: world.journalPath, environment: [:])
        var recordLines: (@Sendable ([String: [Int: Int]]) -> Void)?
        if let coverage { recordLines = { coverage.merge($0) } }
        configuration.underTest = RunUnderTest(capture: capture, overlay: world.overlay, kill: kill, recordLines: recordLines)
        let outcome = await PlaybookRunner.run(configuration)
        var result: [String: LuaValue] = [
            "exit": .integer(Int64(outcome.exitStatus.rawValue)),
            "stdout": .string(capture.standardOutput),
            "stderr": .string(Secrets.redact(outcome.report)),
            "logs": .array(capture.records.map { record in
                .object(["level": .string(record.level), "message": .string(record.message), "fields": .object(record.fields)])
            }),
            "calls": .array(Self.calls(world.journalPath)),
            "files": .object(Self.written(in: world.overlay, besides: playbookDirectory, since: before)),
        ]
        if dryRun, let data = FileManager.default.contents(atPath: planPath), let plan = try? JSONValue(json: [UInt8](data)) {
            result["plan"] = LuaValue(plan)
        }
        return .object(result)
    }

    /// The calls the last run journaled.
    private static func calls(_ journalPath: String) -> [LuaValue] {
        guard let journal = try? Journal(path: journalPath, readOnly: true), let run = try? journal.runs(last: 1).first,
              let calls = try? journal.calls(of: run.id) else { return [] }
        return calls.map { call in
            var object: [String: LuaValue] = [
                "operation": .string(call.operation), "method": .string(call.method), "path": .string(call.path),
                "outcome": .string(call.outcome.rawValue),
            ]
            if let status = call.status { object["status"] = .integer(Int64(status)) }
            if let externalId = call.externalId { object["externalId"] = .string(externalId) }
            if let email = call.email { object["email"] = .string(email) }
            if let resourceId = call.resourceId { object["resourceId"] = .string(resourceId) }
            if let onBehalfOf = call.onBehalfOf { object["onBehalfOf"] = .string(onBehalfOf) }
            return .object(object)
        }
    }

    /// The files in the overlay, by their path below it, with what tells a rewrite apart (the
    /// inode, which a write by rename replaces, the modification time and the size).
    private static func contents(of overlay: String) -> [String: [Int]] {
        var files: [String: [Int]] = [:]
        guard let walker = FileManager.default.enumerator(atPath: overlay) else { return files }
        while let relative = walker.nextObject() as? String {
            var info = stat()
            guard stat(overlay + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            files[relative] = [Int(info.st_ino), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_size)]
        }
        return files
    }

    /// The files this run wrote (new, or changed since `before`: the input files the spec gave
    /// and an earlier run's files are left out unless it rewrote them), by their path relative
    /// to the playbook's folder (absolute outside it).
    private static func written(in overlay: String, besides directory: String, since before: [String: [Int]]) -> [String: LuaValue] {
        let base = SpecPaths.canonical(directory)
        var files: [String: LuaValue] = [:]
        for (relative, identity) in contents(of: overlay) where before[relative] != identity {
            guard let data = FileManager.default.contents(atPath: overlay + "/" + relative) else { continue }
            let original = "/" + relative
            let name = original.hasPrefix(base + "/") ? String(original.dropFirst(base.count + 1)) : original
            files[name] = .string(String(decoding: data, as: UTF8.self))
        }
        return files
    }
}

/// The seed and clock speed a spec's runs get unless they say otherwise.
struct SpecDefaults: Sendable {
    /// The seed of the test being run.
    var seed: UInt64
    /// Simulated seconds per real second.
    var speed: Double
    /// Under `--coverage`: where runs report the lines they ran.
    var coverage: CoverageCollector?
}
