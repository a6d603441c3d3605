import ArgumentParser

/// `wholesale sim`: the simulated Wholesale API.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "The simulated Webex Wholesale API (docs/simulator.md).",
        subcommands: [SimServeCommand.self, SimScenarioCommand.self, SimSnapshotCommand.self]
    )
}
