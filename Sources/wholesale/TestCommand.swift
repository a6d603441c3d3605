import ArgumentParser
import Foundation
import Playbook
import PlaybookAPI
import PlaybookModule
import PlaybookTesting
import WholesaleAPI

/// `wholesale test`: runs spec files against playbooks, each test with simulators of its own.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run playbook specs (*_spec.lua) against the embedded simulator, as CI would.",
        discussion: """
            Finds *_spec.lua files in the PATHs (default: spec/, else the current folder) and runs each test (`it`) in the sandbox with busted's API: describe, it, pending, before_each, after_each, setup, teardown and assert (equals, same, is_true, is_false, is_nil, is_not_nil, truthy, falsy, matches, has_error). wholesale.test.run(PLAYBOOK, opts) runs a playbook in this process against a fresh embedded simulator on a fast clock and returns its exit code, output, logs, plan, journaled calls and written files; wholesale.test.sim(scenario) gives a simulator a spec controls. Nothing leaves the machine and no real file is written: a playbook under test writes into a scratch folder. See docs/testing.md.

            Exit codes: 0 every test passed (pending ones aside), 1 a test failed or raised an error, 2 a spec could not be compiled or a PATH does not exist. Each failure names file:line and the seed; --seed N with --filter replays it.

            Examples:
              wholesale test
              wholesale test spec/onboard_spec.lua --filter fallback
              wholesale test examples/ --junit junit.xml
            """
    )

    @Argument(help: ArgumentHelp("Spec files, or folders to search for *_spec.lua.", valueName: "PATH"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "FILE"))
    var junit: String?

    @Flag(help: "Print the results as TAP instead of the summary.")
    var tap = false

    @Option(help: ArgumentHelp("Run only the tests whose full name contains this text (or matches it as a regular expression).", valueName: "PATTERN"))
    var filter: String?

    @Option(help: "How many spec files run at once.")
    var jobs = 1

    @Option(help: "The base seed of the simulators' ids and faults and of math.random (default: 1).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The most one test may take.", valueName: "SECONDS"))
    var timeout: Double = 60

    @Option(help: ArgumentHelp("Simulated seconds per real second of the simulators runs get.", valueName: "X"))
    var speed: Double = 1000

    @Flag(help: "Report which lines of the playbooks the specs ran, and the stretches that never ran.")
    var coverage = false

    @Option(name: .customLong("coverage-out"), help: ArgumentHelp("Also write the coverage as LCOV to this file (implies --coverage).", valueName: "FILE"))
    var coverageOut: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout takes a number of seconds above 0") }
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be above 0") }
    }

    func run() throws {
        var options = SpecFileRunner.Options()
        options.filter = filter
        options.seed = seed
        options.timeout = timeout
        options.speed = speed
        let collector = coverage || coverageOut != nil ? CoverageCollector() : nil
        options.coverage = collector
        let (paths, jobs, chosen) = (paths, jobs, options)
        let report = Blocking.run { await SpecSuite.run(paths: paths, options: chosen, jobs: jobs) }
        guard !report.files.isEmpty else {
            throw Failure.unusable("no *_spec.lua files in \(paths.isEmpty ? "spec/ or the current folder" : paths.joined(separator: ", ")): name a spec file or a folder that holds some")
        }
        // Through the run's output, like every line the tool prints: no secret reaches stdout.
        RunOutput.standardOutput(tap ? report.tap : report.text)
        if let collector {
            let lines = CoverageReport(collector)
            if !tap { RunOutput.standardOutput(lines.text) }
            if let coverageOut {
                do {
                    try Data(lines.lcov.utf8).write(to: URL(fileURLWithPath: coverageOut), options: .atomic)
                } catch {
                    throw Failure.unusable("cannot write --coverage-out \(coverageOut): \(error.localizedDescription)")
                }
            }
        }
        if let junit {
            do {
                try Data(Secrets.redact(report.junit).utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
            } catch {
                throw Failure.unusable("cannot write --junit \(junit): \(error.localizedDescription)")
            }
        }
        if report.exitCode != 0 { throw Failure.specsFailed(compileError: report.exitCode == 2) }
    }
}
