import ArgumentParser
import Foundation
import Playbook
import PlaybookAPI

/// `wholesale auth`: credential checks.
struct AuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Check the credentials unattended runs will use.",
        subcommands: [AuthCheckCommand.self]
    )
}

/// `wholesale auth check`: one read-only call per Wholesale read scope.
struct AuthCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Probe each Wholesale read scope with a read-only call and say what is missing.",
        discussion: """
            Uses the same credentials as `wholesale run` (WEBEX_TOKEN, --token-file, or WEBEX_CLIENT_ID + WEBEX_CLIENT_SECRET + WEBEX_REFRESH_TOKEN, which is exchanged now) and lists the first customer, sub-partner, subscriber and billing report: nothing is changed. It also warns when the refresh token expires within 14 days. Exit 0 when every probe passed, 1 when one failed, 2 when the credentials or target are unusable. The token is never printed.

            Examples:
              WEBEX_TOKEN=... wholesale auth check
              wholesale auth check --token-file /etc/wholesale/token --target https://webexapis.com
            """
    )

    @Option(help: ArgumentHelp("webex, or a base URL (a `wholesale sim serve` on loopback).", valueName: "TARGET"))
    var target = "webex"

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file (mode 600) holding the bearer token.", valueName: "FILE"))
    var tokenFile: String?

    func run() throws {
        let probes: [AuthCheck.Probe]
        do {
            probes = try AuthCheck.run(target: target, tokenFile: tokenFile, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw Failure.target(error)
        }
        for probe in probes {
            if probe.isWarning {
                print("warning  \(probe.problem ?? "")")
            } else {
                print(probe.ok ? "ok       \(probe.operation) (\(probe.scope))" : "missing  \(probe.operation) (\(probe.scope)): \(probe.problem ?? "")")
            }
        }
        if probes.contains(where: { !$0.ok }) { throw Failure.problemsFound(details: nil) }
    }
}
