import ArgumentParser
import Foundation
import LuaRuntime
import Playbook
import WholesaleSimulator

/// `wholesale sim scenario`: scenario files, the world a simulator starts from.
struct SimScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Scenario files: the partner's own world for the simulator (docs/simulator.md#scenarios).",
        subcommands: [Check.self]
    )

    /// `wholesale sim scenario check FILE`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a scenario file and report every problem at once, with its line and JSON path.",
            discussion: """
                Exit codes: 0 the file is a valid scenario, 1 it has problems (one line each: FILE:LINE: PATH: what is wrong), 2 usage.

                Examples:
                  wholesale sim scenario check my-world.json
                  wholesale sim serve --scenario my-world.json
                  wholesale run onboard.lua --sim-scenario my-world.json
                """
        )

        @Argument(help: ArgumentHelp("The scenario file (JSON).", valueName: "FILE"))
        var file: String

        func run() throws {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw Failure.unusable("cannot read \(file): \(UnreadableFile.reason(file))")
            }
            do {
                let scenario = try Scenario.load(path: file)
                let templates = scenario.templates.map { "\($0.count) templates" } ?? "no templates (any provisioning id is adopted)"
                print("\(file): a valid scenario: \(templates), \(scenario.subPartners.count) sub-partners, \(scenario.customers.count) customers, "
                    + "\(scenario.subscribers.count) subscribers, \(scenario.billingReports.count) billing reports")
            } catch {
                throw Failure.problemsFound(details: error.description)
            }
        }
    }
}
