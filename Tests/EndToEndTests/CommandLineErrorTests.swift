import Foundation
import Testing

/// Every main way a `wholesale` command fails, as a user sees it: the exit code and the whole of
/// stderr (and stdout), compared exactly, in the style of swift-argument-parser's example tests.
/// A command-line mistake prints the usage text; a failure at run time (a file, the journal, the
/// credentials, the playbook, a limit, the API) prints what went wrong and never the usage text.
///
/// Each failing command is a case of `Failing`, run in a fresh `Scratch` folder; a test checks
/// one case's output, and `noRuntimeFailurePrintsTheUsageText` checks all of them at once.
@Suite struct CommandLineErrorTests {
    /// The failures that happen at run time rather than on the command line.
    enum Failing: String, CaseIterable, CustomTestStringConvertible {
        case historyOfAMissingJournal
        case historyOfTheDefaultJournalBeforeAnyRun
        case showOfAnUnknownRun
        case runWithATwoLineTokenFile
        case runWithAMissingTokenFile
        case playbookThatFails
        case playbookOverItsTimeLimit
        case callThatKeepsGetting503
        case listThatKeepsGetting503
        case validateMalformedJSON
        case validateInvalidBody
        case checkASyntaxError
        case authCheckWithAMissingTokenFile
        case scenarioWithAProblem
        case scenarioWithAProblemThatHasNoLine
        case scenarioFileThatDoesNotExist

        var testDescription: String { rawValue }

        /// Sets up what the case needs in `scratch`, then runs its failing command there.
        func run(in scratch: Scratch) async throws -> BinaryRunner.Result {
            switch self {
            case .historyOfAMissingJournal:
                return try await wholesale(["history", "--journal", "/nonexistent/dir/j.sqlite"], in: scratch)
            case .historyOfTheDefaultJournalBeforeAnyRun:
                return try await wholesale(["history"], in: scratch, environment: ["XDG_STATE_HOME": scratch.path + "/state"])
            case .showOfAnUnknownRun:
                try write("print(\"hi\")", to: "hi.lua", in: scratch)
                let journaled = try await wholesale(["run", "hi.lua", "--journal", scratch.journal, "--log-level", "error"], in: scratch)
                try #require(journaled.exitCode == 0 && journaled.stdout == "hi\n", "the journal was not written: \(journaled.stderr)")
                return try await wholesale(["show", "abc", "--journal", scratch.journal], in: scratch)
            case .runWithATwoLineTokenFile:
                try write("print('never')", to: "playbook.lua", in: scratch)
                let token = try write("line1\nline2\n", to: "token", in: scratch, mode: 0o600)
                return try await wholesale(["run", "playbook.lua", "--target", "webex", "--token-file", token, "--log-level", "error"], in: scratch)
            case .runWithAMissingTokenFile:
                try write("print('never')", to: "playbook.lua", in: scratch)
                return try await wholesale(
                    ["run", "playbook.lua", "--target", "webex", "--token-file", scratch.path + "/no-token", "--log-level", "error"], in: scratch)
            case .playbookThatFails:
                try write("wholesale.fail(\"boom\")", to: "playbook.lua", in: scratch)
                return try await wholesale(["run", "playbook.lua", "--log-level", "error"], in: scratch)
            case .playbookOverItsTimeLimit:
                try write("while true do end", to: "playbook.lua", in: scratch)
                return try await wholesale(["run", "playbook.lua", "--timeout", "1", "--log-level", "error"], in: scratch)
            case .callThatKeepsGetting503:
                try write("wholesale.customers.get(\"c1\")", to: "playbook.lua", in: scratch)
                return try await wholesale(["run", "playbook.lua"] + Self.alwaysUnavailable, in: scratch)
            case .listThatKeepsGetting503:
                try write("for _ in wholesale.customers.list() do end", to: "playbook.lua", in: scratch)
                return try await wholesale(["run", "playbook.lua"] + Self.alwaysUnavailable, in: scratch)
            case .validateMalformedJSON:
                try write("{\"customerInfo\": {\"name\": \"Acme\"},\n  \"packages\": [webex_calling]\n}\n", to: "body.json", in: scratch)
                return try await wholesale(["validate", "customer", "body.json"], in: scratch)
            case .validateInvalidBody:
                try write(Self.customerInTheUK, to: "body.json", in: scratch)
                return try await wholesale(["validate", "customer", "body.json"], in: scratch)
            case .checkASyntaxError:
                try write("local x = 1\nif x then\n  print(x)\n", to: "playbook.lua", in: scratch)
                return try await wholesale(["check", "playbook.lua"], in: scratch)
            case .authCheckWithAMissingTokenFile:
                return try await wholesale(["auth", "check", "--target", "webex", "--token-file", scratch.path + "/no-token"], in: scratch)
            case .scenarioWithAProblem:
                try write("""
                    {
                      "partner": { "orgId": "b3Jn" },
                      "customers": [ { "externalId": "a-1", "statsu": "provisioned", "packages": ["webex_meetings"] } ]
                    }

                    """, to: "world.json", in: scratch)
                return try await wholesale(["sim", "scenario", "check", "world.json"], in: scratch)
            case .scenarioWithAProblemThatHasNoLine:
                try write("{\n  \"customers\": [ { \"externalId\": \"a-1\" } ]\n}\n", to: "world.json", in: scratch)
                return try await wholesale(["sim", "scenario", "check", "world.json"], in: scratch)
            case .scenarioFileThatDoesNotExist:
                return try await wholesale(["sim", "scenario", "check", "nope.json"], in: scratch)
            }
        }

        /// Every answer of the embedded simulator is a 503; on its fast clock the client's
        /// backoff between its 8 attempts passes in well under a second.
        static let alwaysUnavailable = ["--sim-faults", "503=100%", "--sim-speed", "200", "--log-level", "error"]

        /// A customer body whose one problem is its country code.
        static let customerInTheUK = """
            {
              "provisioningId": "ZjViMzYxODctYzhkZC00NzI3LThiMmYtZjljNDQ3ZjI5MDQ2",
              "externalId": "acme-001",
              "packages": ["webex_meetings"],
              "address": {"addressLine1": "1 Main St", "city": "London", "country": "UK"},
              "customerInfo": {"name": "Acme", "primaryEmail": "admin@acme.example.com"}
            }

            """
    }

    // MARK: helpers

    /// Runs `wholesale ARGS` in the scratch folder.
    static func wholesale(_ arguments: [String], in scratch: Scratch, environment: [String: String] = [:]) async throws -> BinaryRunner.Result {
        try await BinaryRunner.run(arguments, in: scratch.path, environment: environment)
    }

    /// Writes `text` to the file `name` in the scratch folder; returns its path.
    @discardableResult
    static func write(_ text: String, to name: String, in scratch: Scratch, mode: Int = 0o644) throws -> String {
        let path = scratch.path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// Whether `text` holds argument-parser's usage text (`Usage:` today, `USAGE:` in older releases).
    static func showsUsage(_ text: String) -> Bool {
        text.contains("Usage:") || text.contains("USAGE:")
    }

    // MARK: the command line

    @Test func anUnknownOptionIsAUsageErrorWithTheUsageText() async throws {
        let scratch = try Scratch()
        try Self.write("print('never')", to: "playbook.lua", in: scratch)
        let result = try await Self.wholesale(["run", "playbook.lua", "--no-such-option"], in: scratch)
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            Error: Unknown option '--no-such-option'
            Usage: wholesale run [<options>] <PLAYBOOK.lua>
              See 'wholesale run --help' for more information.

            """)
    }

    @Test(arguments: Failing.allCases)
    func noRuntimeFailurePrintsTheUsageText(_ failing: Failing) async throws {
        let result = try await failing.run(in: Scratch())
        #expect(result.exitCode != 0, "\(failing) succeeded: \(result.stdout)")
        #expect(!Self.showsUsage(result.stderr), "\(failing) printed the usage text: \(result.stderr)")
    }

    // MARK: the journal

    @Test func historyOfAMissingJournalIsOneLineThatNamesThePathGiven() async throws {
        let result = try await Failing.historyOfAMissingJournal.run(in: Scratch())
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        // The path came from --journal, so "pass --journal FILE" would ask for what was done.
        #expect(result.stderr == "wholesale: no journal at /nonexistent/dir/j.sqlite: no run has been journaled there\n")
    }

    @Test func historyBeforeAnyRunPointsToTheJournalOption() async throws {
        let scratch = try Scratch()
        let result = try await Failing.historyOfTheDefaultJournalBeforeAnyRun.run(in: scratch)
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            wholesale: no journal at \(scratch.path)/state/wholesale/journal.sqlite: no run has been journaled there (pass --journal FILE)

            """)
    }

    @Test func showOfARunTheJournalDoesNotHoldSaysWhereItLooked() async throws {
        let scratch = try Scratch()
        let result = try await Failing.showOfAnUnknownRun.run(in: scratch)
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "wholesale: no run abc in \(scratch.journal) (see `wholesale history`)\n")
    }

    // MARK: credentials

    @Test func aTokenFileOfTwoLinesIsRefusedNamingTheFile() async throws {
        let scratch = try Scratch()
        let result = try await Failing.runWithATwoLineTokenFile.run(in: scratch)
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            wholesale: credentials: token file \(scratch.path)/token holds more than one line (a line break at character 6); \
            write the token alone into it, on one line (the value is not shown)

            """)
    }

    @Test func aMissingTokenFileIsRefusedNamingTheFile() async throws {
        let scratch = try Scratch()
        let result = try await Failing.runWithAMissingTokenFile.run(in: scratch)
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "wholesale: credentials: cannot read token file \(scratch.path)/no-token: No such file or directory\n")
    }

    @Test func authCheckWithAMissingTokenFileIsRefusedNamingTheFile() async throws {
        let scratch = try Scratch()
        let result = try await Failing.authCheckWithAMissingTokenFile.run(in: scratch)
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "wholesale: credentials: cannot read token file \(scratch.path)/no-token: No such file or directory\n")
    }

    // MARK: the playbook

    @Test func wholesaleFailExits1WithItsMessage() async throws {
        let result = try await Failing.playbookThatFails.run(in: Scratch())
        #expect(result.exitCode == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "wholesale: playbook failed: playbook.lua:1: boom\n")
    }

    @Test func theTimeLimitExits4AndSaysWhatToPass() async throws {
        let result = try await Failing.playbookOverItsTimeLimit.run(in: Scratch())
        #expect(result.exitCode == 4)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            wholesale: limit: time limit of 1 s exceeded: the playbook ran longer than --timeout allows \
            (raise it, or pass --timeout 0 for no limit)

            """)
    }

    @Test func checkOfASyntaxErrorExits2WithTheLine() async throws {
        let result = try await Failing.checkASyntaxError.run(in: Scratch())
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "playbook.lua:4: 'end' expected (to close 'if' at line 2) near <eof>\n")
    }

    // MARK: the API

    @Test func aCallThatKeepsGetting503Exits75OnceTheRetriesRunOut() async throws {
        let result = try await Failing.callThatKeepsGetting503.run(in: Scratch())
        #expect(result.exitCode == 75)
        #expect(result.stdout == "")
        #expect(HostileServerTests.withoutTrackingIds(result.stderr) == """
            wholesale: playbook failed: playbook.lua:1: customers.get: HTTP 503 Service Unavailable: injected fault: HTTP 503 \
            (code 9000, 8 attempts, trackingId ID) (a temporary failure: try again later)
            stack traceback:
            \t[C]: in field 'get'
            \tplaybook.lua:1: in main chunk

            """)
    }

    /// The message names the playbook's line, not the module's Lua glue that fetched the page.
    /// (Only the message line is compared: how the traceback reads once it does is not settled.)
    @Test func aListThatKeepsGetting503NamesThePlaybooksLine() async throws {
        let result = try await Failing.listThatKeepsGetting503.run(in: Scratch())
        #expect(result.exitCode == 75)
        #expect(result.stdout == "")
        let message = HostileServerTests.withoutTrackingIds(result.stderr).split(separator: "\n").first.map(String.init)
        #expect(message == """
            wholesale: playbook failed: playbook.lua:1: customers.list: HTTP 503 Service Unavailable: injected fault: HTTP 503 \
            (code 9000, 8 attempts, trackingId ID) (a temporary failure: try again later)
            """)
        #expect(!result.stderr.contains("wholesale module:"), "\(result.stderr)")
    }

    // MARK: validate

    @Test func validateOfMalformedJSONExits2WithTheLineAndColumn() async throws {
        let result = try await Failing.validateMalformedJSON.run(in: Scratch())
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "wholesale: body.json: line 2, column 16: unexpected character 'w', expected a value\n")
    }

    @Test func validateOfAnInvalidBodyExits1WithTheProblemOnStdout() async throws {
        let result = try await Failing.validateInvalidBody.run(in: Scratch())
        #expect(result.exitCode == 1)
        #expect(result.stdout == """
            body.json: address.country: "UK" is not an ISO 3166-1 alpha-2 country code (e.g. "US", "GB", "DE") [country.iso2]

            """)
        #expect(result.stderr == "")
    }

    // MARK: scenarios

    @Test func aScenarioProblemExits1WithItsLineAndPath() async throws {
        let result = try await Failing.scenarioWithAProblem.run(in: Scratch())
        #expect(result.exitCode == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "world.json:3: customers[1].statsu: unknown field \"statsu\"; did you mean \"status\"?\n")
    }

    /// `FILE: PATH: message` when the line is not known, as `validate` prints it.
    @Test func aScenarioProblemWithoutALineKeepsTheSpaceAfterTheFile() async throws {
        let result = try await Failing.scenarioWithAProblemThatHasNoLine.run(in: Scratch())
        #expect(result.exitCode == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "world.json: customers[1].packages: a customer needs at least one package\n")
    }

    /// An unreadable file is exit 2 with the words `run`, `check` and `validate` use.
    @Test func aScenarioFileThatDoesNotExistExits2LikeEveryUnreadableFile() async throws {
        let result = try await Failing.scenarioFileThatDoesNotExist.run(in: Scratch())
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "wholesale: cannot read nope.json: no such file\n")
    }
}
