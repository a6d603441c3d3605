import ArgumentParser
import Dispatch
import Foundation
import JSONValues
import Playbook
import PlaybookAPI
import Synchronization
import WholesaleAPI
import WholesaleSimulator

/// `wholesale sim snapshot`: a read-only capture of an account into a scenario file.
struct SimSnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Capture an account (sub-partners, customers, subscribers, billing reports) into a scenario file, with GET requests only.",
        discussion: """
            Reads every list the Wholesale API offers, for the partner and for each sub-partner, and writes them as a scenario (docs/simulator.md#scenarios) a simulator can start from: `wholesale sim serve --scenario FILE` or `wholesale run --sim-scenario FILE`. Only GET requests are sent; paging, Retry-After and tokens work as in a run (credentials as for `wholesale run`: --token-file, WEBEX_TOKEN, or a refresh token). Progress goes to stderr. What the API does not expose (the packages each template allows, for instance) is listed in the file's notes, to fill in.

            Exit codes: 0 written, 1 a request failed, 2 usage or credentials.

            Examples:
              WEBEX_TOKEN=… wholesale sim snapshot --target webex --out my-world.json --redact-pii
              wholesale sim snapshot --target http://127.0.0.1:8080 --out copy.json
            """
    )

    @Option(help: ArgumentHelp("webex, or a base URL like http://127.0.0.1:8080.", valueName: "TARGET"))
    var target: String

    @Option(help: ArgumentHelp("The scenario file to write.", valueName: "FILE.json"))
    var out: String

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file (mode 600) holding the bearer token.", valueName: "FILE"))
    var tokenFile: String?

    @Flag(name: .customLong("redact-pii"), help: "Replace names, emails and street addresses with stable fakes (the same input gives the same fake).")
    var redactPII = false

    /// Runs the capture on Swift's threads while the main thread waits (it is not one of them).
    func run() throws {
        let command = self
        if let failure = Blocking.run({ await command.capture() }) { throw failure }
    }

    /// Captures the account and writes the file; returns what went wrong, if anything.
    private func capture() async -> Failure? {
        let baseURL = target.lowercased() == "webex" ? "https://webexapis.com" : target
        let transport = HTTPTransport()
        let environment = ProcessInfo.processInfo.environment
        let tokens: (any TokenProvider)?
        do {
            try WholesaleClient.checkBaseURL(baseURL)
            if !Credentials.given(environment: environment, tokenFile: tokenFile) && baseURL.lowercased().hasPrefix("http://") {
                // A loopback simulator takes any bearer token; it refuses none at all.
                tokens = PlaceholderTokenProvider()
            } else {
                tokens = try Credentials.provider(environment: environment, tokenFile: tokenFile, baseURL: baseURL, transport: transport)
            }
        } catch {
            try? await transport.shutdown()
            return .target(error)
        }
        let client = WholesaleClient(baseURL: baseURL, transport: transport, tokens: tokens)
        let scenario: Scenario
        do {
            scenario = try await ScenarioSnapshot.capture(client, redactPII: redactPII) { Self.say("snapshot: \($0)") }
        } catch {
            try? await transport.shutdown()
            return .request(error)
        }
        try? await transport.shutdown()
        let text = scenario.json.jsonBytes(pretty: true) + [0x0A]
        do {
            try Data(text).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            return .unusable("cannot write \(out): \(error.localizedDescription)")
        }
        Self.say("snapshot: wrote \(out): \(scenario.customers.count) customers, \(scenario.subscribers.count) subscribers, "
            + "\(scenario.subPartners.count) sub-partners, \(scenario.billingReports.count) billing reports")
        return nil
    }

    static func say(_ line: String) {
        FileHandle.standardError.write(Data((Secrets.redact(line) + "\n").utf8))
    }
}
