import Foundation
import Logging
import LuaRuntime
import Playbook
import PlaybookModule
import Synchronization

/// Runs the tests of one spec file: the file declares its tests in a fresh sandboxed VM with
/// the `wholesale` module and the spec API, then each test runs in turn, limited to `timeout`
/// seconds. A test that hangs is stopped by that limit; the file's remaining tests then go on
/// in a new VM (their `setup` runs again there).
package struct SpecFileRunner: Sendable {
    /// What the run is told on the command line.
    package struct Options: Sendable {
        /// Only tests whose full name contains this text or matches it as a regular expression (nil: all).
        package var filter: String?
        /// The base seed: each test's seed comes from it and the test's name.
        package var seed: UInt64 = 1
        /// The most one test may take, in seconds.
        package var timeout: Double = 60
        /// Simulated seconds per real second of the simulators runs get.
        package var speed: Double = 1000
        /// Under `--coverage`: where the playbooks' runs report their lines.
        package var coverage: CoverageCollector?

        /// The defaults.
        package init() {}
    }

    let file: String
    let options: Options

    /// A runner of `file`.
    package init(file: String, options: Options) {
        self.file = file
        self.options = options
    }

    /// Runs the file's tests on a thread of its own.
    package func run() async -> SpecFileResult {
        await LuaThread.run { runOnCurrentThread() }
    }

    /// The seed of the test `name`: the base seed mixed with the name (FNV-1a), so a test keeps
    /// its seed when others are added, filtered or reordered.
    package static func seed(base: UInt64, name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ base
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash % 1_000_000_007
    }

    private func runOnCurrentThread() -> SpecFileResult {
        let started = ContinuousClock.now
        var result = SpecFileResult(file: file)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wholesale-spec-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let handles = SpecHandles(root: root)
        let current = CurrentDefaults(SpecDefaults(seed: options.seed, speed: options.speed, coverage: options.coverage))
        var next = 0
        var total: Int?
        while total == nil || next < total! {
            let vm: LuaVM
            let list: [LuaValue]
            do throws(LuaError) {
                vm = try makeVM(handles: handles, current: current)
                try vm.run(try vm.compileFile(atPath: file))
                list = try vm.evaluate("return wholesale.test._list()", chunkName: "=spec").first??.items ?? []
            } catch {
                result.compileError = error.kind == .syntax || error.kind == .io
                result.problems.append(error.kind == .syntax ? error.message : "\(file): \(error.description)")
                break
            }
            total = list.count
            var restart = false
            while next < list.count, !restart {
                let index = next
                next += 1
                let entry = list[index].objectValue ?? [:]
                let name = entry["name"]?.stringValue ?? "?"
                if let filter = options.filter, name.range(of: filter, options: .regularExpression) == nil, !name.contains(filter) { continue }
                let seed = Self.seed(base: options.seed, name: name)
                if entry["pending"] == .boolean(true) {
                    result.tests.append(SpecResult(file: file, name: name, status: .pending, message: nil, seed: seed, seconds: 0))
                    continue
                }
                current.set(seed: seed)
                let testStarted = ContinuousClock.now
                let outcome: (SpecResult.Status, String?)
                do throws(LuaError) {
                    let values = try vm.evaluate("return wholesale.test._run(\(index + 1), \(seed))", chunkName: "=spec")
                    let status = values.first??.stringValue.flatMap(SpecResult.Status.init(rawValue:)) ?? .error
                    outcome = (status, values.count > 1 ? values[1]?.stringValue : nil)
                } catch {
                    switch error.kind {
                    case .timeLimit: outcome = (.failed, "timed out after \(Self.seconds(options.timeout)) (raise it with --timeout; a wait in the playbook may need a faster --speed)")
                    default: outcome = (.error, error.description)
                    }
                    restart = true
                }
                result.tests.append(SpecResult(
                    file: file, name: name, status: outcome.0, message: outcome.1, seed: seed, seconds: Self.elapsed(since: testStarted)))
            }
            if !restart {
                if let problem = (try? vm.evaluate("return wholesale.test._finish()", chunkName: "=spec"))?.first??.stringValue {
                    result.problems.append("\(file): teardown: \(problem)")
                }
                break
            }
        }
        result.seconds = Self.elapsed(since: started)
        return result
    }

    /// A VM for the spec: the sandbox, the `wholesale` module without an API, and the spec API.
    private func makeVM(handles: SpecHandles, current: CurrentDefaults) throws(LuaError) -> LuaVM {
        var configuration = PlaybookConfiguration(playbookPath: file, timeLimit: options.timeout)
        configuration.environment = [:]
        let logger = Logger(label: "wholesale-spec") { _ in
            PlaybookLogHandler(format: .text, logLevel: .info)
        }
        let context = PlaybookContext(
            settings: configuration.module, logger: logger, runID: "spec", started: Date(), session: nil, journal: nil)
        // A spec in spec/ requires the playbooks' modules from the folder above it.
        let folder = (file as NSString).deletingLastPathComponent
        let modules = (folder as NSString).lastPathComponent == "spec" ? (folder as NSString).deletingLastPathComponent : nil
        return try PlaybookRunner.makeVM(
            context, configuration: configuration,
            extra: SpecModule.functions(specPath: file, handles: handles, current: { current.value }),
            extraGlue: SpecGlue.source, moduleDirectory: modules.map { $0.isEmpty ? "." : $0 })
    }

    static func elapsed(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// The seed and speed of the test being run, read by the spec's host functions.
final class CurrentDefaults: Sendable {
    private let state: Mutex<SpecDefaults>

    /// Defaults starting as `defaults`.
    init(_ defaults: SpecDefaults) { state = Mutex(defaults) }

    /// The defaults now.
    var value: SpecDefaults { state.withLock { $0 } }

    /// The seed of the test about to run.
    func set(seed: UInt64) { state.withLock { $0.seed = seed } }
}
