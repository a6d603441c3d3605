import Foundation
import Synchronization
import Testing
import WholesaleAPI
import WholesaleAPITesting

/// Runs from cron: the lock, crash safety under SIGKILL, graceful signals, exit codes, quiet
/// output, the journal's history and reports, notifications, and no token anywhere.
@Suite struct UnattendedTests {
    static let folder = BinaryRunner.fixtures + "/unattended"

    static func history(_ scratch: Scratch) async throws -> [[String: Any]] {
        let result = try await BinaryRunner.run(["history", "--journal", scratch.journal, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test(arguments: JournalKind.allCases)
    func aSecondRunOfThePlaybookExits3NamingTheHolderOrWaits(_ store: JournalKind) async throws {
        let scratch = try Scratch(store)
        // The holder sleeps far longer than the test needs (it is killed at the end), so a
        // second run started under any load still finds it holding the lock.
        let first = try BinaryRunner.start(["run", "slow.lua", "--journal", scratch.journal, "--var", "seconds=50"] + scratch.cue(), in: Self.folder,
                                           limit: 90)
        try await scratch.waitForCue(first)
        let second = try await BinaryRunner.run(["run", "slow.lua", "--journal", scratch.journal, "--var", "seconds=0"], in: Self.folder)
        #expect(second.exitCode == 3, "\(second.stderr)")
        #expect(second.report.contains("another run of slow.lua holds its lock (host \(ProcessInfo.processInfo.hostName), pid \(first.process.processIdentifier), run "), "\(second.stderr)")
        #expect(second.report.contains("--wait-lock"))
        // A patient run waits, and starts as soon as the holder is gone (here: killed).
        let patient = try BinaryRunner.start(
            ["run", "slow.lua", "--journal", scratch.journal, "--var", "seconds=0", "--wait-lock", "60"], in: Self.folder, limit: 90)
        try await Task.sleep(for: .seconds(1))
        first.signal(SIGKILL)
        let done = await first.finish()
        #expect(done.killed)
        let waited = await patient.finish()
        #expect(waited.exitCode == 0, "\(waited.stderr)")
        #expect(waited.stdout.contains("done"), "\(waited.stdout)")
        #expect(waited.seconds > 0.5, "it waited for the first run")
    }

    @Test(arguments: JournalKind.allCases)
    func aRunKilledAtAnyMomentAndRunAgainLeavesEveryCustomerExactlyOnce(_ store: JournalKind) async throws {
        for seed in 1...20 {
            let scratch = try Scratch(store)
            let sim = ["--sim-state", scratch.state, "--sim-speed", "100", "--sim-seed", "\(seed)",
                       "--sim-faults", "latency=4ms~4ms,503=3%,reset-after=3%", "--journal", scratch.journal]
            // Killed at a random customer of the 200 (then wherever the run has got to).
            var generator = SystemRandomNumberGenerator()
            let at = Int.random(in: 1...190, using: &generator)
            let killed = try BinaryRunner.start(["run", "onboard.lua"] + sim + scratch.cue(at: at), in: Self.folder, limit: 60)
            killed.onCue(scratch.ready) { killed.signal(SIGKILL) }
            let first = await killed.finish()
            let again = try await BinaryRunner.run(["run", "onboard.lua"] + sim, in: Self.folder, limit: 120)
            #expect(again.exitCode == 0, "seed \(seed): \(again.stderr)")
            let counted = try await BinaryRunner.run(["run", "count.lua", "--sim-state", scratch.state, "--journal", scratch.helperJournal], in: Self.folder)
            let lines = counted.stdout.split(separator: "\n")
            #expect(lines.count == 200, "seed \(seed): every customer exists (\(lines.count))")
            #expect(lines.allSatisfy { $0.hasSuffix(" 1") }, "seed \(seed): none exists twice")
            let runs = try await Self.history(scratch)
            #expect(first.killed, "seed \(seed): killed at customer \(at)")
            if first.killed {
                #expect(again.stderr.split(separator: "\n").first?.contains("run started") == true, "the target line comes first")
                #expect(again.stderr.contains("an earlier run was interrupted"), "seed \(seed): \(again.stderr)")
                #expect(runs.count == 2, "seed \(seed)")
                #expect(runs.last?["state"] as? String == "interrupted", "seed \(seed): the killed run is journaled as interrupted: \(runs)")
                #expect(runs.first?["exitCode"] as? Int == 0)
            }
        }
    }

    @Test(arguments: JournalKind.allCases)
    func sigtermStopsGracefullyWithExit143AndTheNextRunFinishesTheWork(_ store: JournalKind) async throws {
        let scratch = try Scratch(store)
        let sim = ["--sim-state", scratch.state, "--sim-speed", "100", "--sim-faults", "latency=50ms", "--journal", scratch.journal]
        let running = try BinaryRunner.start(["run", "onboard.lua"] + sim + scratch.cue(at: 20), in: Self.folder, limit: 60)
        running.onCue(scratch.ready) { running.signal(SIGTERM) }
        let stopped = await running.finish()
        #expect(stopped.exitCode == 143, "\(stopped.stderr)")
        #expect(stopped.report.contains("stopped by SIGTERM"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("stopping on SIGTERM: no new requests"))
        let runs = try await Self.history(scratch)
        #expect(runs.first?["exitCode"] as? Int == 143)
        #expect(runs.first?["state"] as? String == "finished")
        let again = try await BinaryRunner.run(["run", "onboard.lua"] + sim, in: Self.folder, limit: 120)
        #expect(again.exitCode == 0, "\(again.stderr)")
        let counted = try await BinaryRunner.run(["run", "count.lua", "--sim-state", scratch.state, "--journal", scratch.helperJournal], in: Self.folder)
        #expect(counted.stdout.split(separator: "\n").count == 200)
    }

    @Test func retriesRunningOutOnATransientFailureExit75() async throws {
        let scratch = try Scratch()
        let result = try await BinaryRunner.run(
            ["run", "transient.lua", "--sim-speed", "1000", "--sim-faults", "503=100%", "--journal", scratch.journal],
            in: Self.folder, limit: 60)
        #expect(result.exitCode == 75, "\(result.stderr)")
        #expect(result.report.contains("HTTP 503"), "\(result.stderr)")
        #expect(result.report.contains("temporary failure: try again later"))
    }

    @Test func jsonRequestEventsCarryTheRunOperationStatusTrackingIdAttemptAndDuration() async throws {
        let scratch = try Scratch()
        let result = try await BinaryRunner.run(
            ["run", "transient.lua", "--sim-speed", "200", "--journal", scratch.journal, "--log-format", "json", "--log-level", "debug"],
            in: Self.folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let events = result.stderr.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["message"] as? String == "request" }
        let event = try #require(events.first)
        #expect(event["operation"] as? String == "customers.list")
        #expect(event["status"] as? Int == 200)
        #expect(event["attempt"] as? Int == 1)
        #expect(event["ms"] is Int)
        #expect((event["trackingId"] as? String)?.hasPrefix("WHOLESALE_") == true)
        #expect((event["run"] as? String)?.count == 36)
    }

    @Test func quietPrintsNothingOnSuccessAndEverythingOnFailure() async throws {
        let scratch = try Scratch()
        let quiet = try await BinaryRunner.run(
            ["run", "onboard.lua", "--var", "count=3", "--quiet", "--sim-speed", "200", "--journal", scratch.journal], in: Self.folder)
        #expect(quiet.exitCode == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "stdout: \(quiet.stdout) stderr: \(quiet.stderr)")
        let failing = try await BinaryRunner.run(
            ["run", "transient.lua", "--quiet", "--sim-speed", "1000", "--sim-faults", "503=100%", "--journal", scratch.journal],
            in: Self.folder, limit: 60)
        #expect(failing.exitCode == 75)
        #expect(failing.stderr.contains("run started"), "the held-back log is shown: \(failing.stderr)")
        #expect(failing.stderr.contains("playbook failed"))
    }

    @Test(arguments: JournalKind.allCases)
    func theJournalShowsEachResourceWithItsTrackingIdAndAReportFileSaysTheSame(_ store: JournalKind) async throws {
        let scratch = try Scratch(store)
        let report = scratch.path + "/report.csv"
        let result = try await BinaryRunner.run(
            ["run", "onboard.lua", "--var", "count=5", "--sim-speed", "200", "--journal", scratch.journal, "--report", report], in: Self.folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let runs = try await Self.history(scratch)
        let id = try #require(runs.first?["id"] as? String)
        #expect(runs.first?["changes"] as? Int == 5)
        let shown = try await BinaryRunner.run(["show", String(id.prefix(8)), "--journal", scratch.journal, "--csv"])
        #expect(shown.exitCode == 0, "\(shown.stderr)")
        let rows = shown.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("resource,externalId,email,resourceId,operation,outcome,status,codes,trackingId") == true)
        #expect(rows.count == 6, "\(shown.stdout)")
        #expect(rows.dropFirst().allSatisfy { $0.contains(",customers.provision,ok,202,") && $0.contains("WHOLESALE_") })
        #expect(try String(contentsOfFile: report, encoding: .utf8) == shown.stdout)
        let json = try await BinaryRunner.run(["show", id, "--journal", scratch.journal, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["resources"] as? [Any])?.count == 5)
        #expect((object?["pending"] as? [Any])?.count == 5, "provisions not waited for are pending")
        let text = try await BinaryRunner.run(["history", "--journal", scratch.journal])
        #expect(text.stdout.contains(id) && text.stdout.contains("exit 0"))
    }

    @Test func aJournalCopiedMidRunOpensAndReads() async throws {
        let scratch = try Scratch()
        let running = try BinaryRunner.start(["run", "slow.lua", "--journal", scratch.journal, "--var", "seconds=2"] + scratch.cue(), in: Self.folder)
        let copy = scratch.path + "/copy.sqlite"
        let journal = scratch.journal
        running.onCue(scratch.ready) {
            // As a backup tool would copy it: the database and its write-ahead log.
            try? FileManager.default.copyItem(atPath: journal, toPath: copy)
            try? FileManager.default.copyItem(atPath: journal + "-wal", toPath: copy + "-wal")
        }
        _ = await running.finish()
        let read = try await BinaryRunner.run(["history", "--journal", copy, "--json"])
        #expect(read.exitCode == 0, "\(read.stderr)")
        let runs = try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(runs.first?["state"] as? String == "running", "\(read.stdout)")
        #expect((runs.first?["calls"] as? Int ?? 0) >= 1, "the change journaled before it was sent, at least")
    }

    @Test func aKnownTokenIsInNoOutputJournalReportOrNotification() async throws {
        let secret = "token-\(UUID().uuidString)"
        let scratch = try Scratch()
        let server = try SimServer.start(["--speed", "200"])
        defer { server.stop() }
        let notified = try await ScriptedServer.start { _ in .respond(TransportResponse(status: 200)) }
        let report = scratch.path + "/report.json"
        let result = try await BinaryRunner.run(
            ["run", "onboard.lua", "--var", "count=3", "--target", server.url, "--journal", scratch.journal, "--report", report,
             "--notify", notified.baseURL + "/hook", "--notify-on", "always", "--heartbeat", notified.baseURL + "/ping",
             "--log-level", "debug", "--log-format", "json"],
            in: Self.folder, environment: ["WEBEX_TOKEN": secret])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let paths = notified.requests.map(\.path)
        #expect(paths == ["/ping/start", "/ping", "/hook"], "\(paths)")
        let summary = try #require(notified.requests.last?.body)
        #expect(String(decoding: summary, as: UTF8.self).contains("\"exitCode\":0"))
        var everything = Data(result.stdout.utf8) + Data(result.stderr.utf8) + Data(summary)
        for file in [scratch.journal, scratch.journal + "-wal", report] {
            if let data = FileManager.default.contents(atPath: file) { everything.append(data) }
        }
        #expect(everything.count > 10_000)
        #expect(everything.range(of: Data(secret.utf8)) == nil, "the token appears somewhere")
        await notified.stop()
    }

    @Test func aFailedRunNotifiesOnlyOnFailureByDefault() async throws {
        let scratch = try Scratch()
        let notified = try await ScriptedServer.start { _ in .respond(TransportResponse(status: 200)) }
        let ok = try await BinaryRunner.run(
            ["run", "onboard.lua", "--var", "count=1", "--sim-speed", "200", "--journal", scratch.journal, "--notify", notified.baseURL],
            in: Self.folder)
        #expect(ok.exitCode == 0)
        #expect(notified.requests.isEmpty)
        let failed = try await BinaryRunner.run(
            ["run", "transient.lua", "--sim-speed", "1000", "--sim-faults", "503=100%", "--journal", scratch.journal,
             "--notify", notified.baseURL],
            in: Self.folder, limit: 60)
        #expect(failed.exitCode == 75)
        #expect(notified.requests.count == 1)
        let body = String(decoding: notified.requests.first?.body ?? [], as: UTF8.self)
        #expect(body.contains("\"exitCode\":75") && body.contains("HTTP 503"), "\(body)")
        await notified.stop()
    }

    @Test func authCheckProbesEachReadScopeAndSaysWhatIsMissing() async throws {
        let secret = "token-\(UUID().uuidString)"
        let server = try await ScriptedServer.start { request in
            let status = request.path.contains("/subscribers") ? 403 : 200
            let body = status == 200 ? #"{"items":[]}"# : #"{"message":"Forbidden","errors":[{"description":"Forbidden"}],"trackingId":"T1"}"#
            return .respond(TransportResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
        }
        let result = try await BinaryRunner.run(["auth", "check", "--target", server.baseURL], environment: ["WEBEX_TOKEN": secret])
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok       customers.list (spark-admin:wholesale_customers_read)"), "\(result.stdout)")
        #expect(result.stdout.contains("missing  subscribers.list (spark-admin:wholesale_subscribers_read): forbidden: the token lacks"))
        #expect(result.stdout.contains("ok       billing.list"))
        #expect(server.requests.allSatisfy { $0.method == "GET" && $0.header("Authorization") == "Bearer \(secret)" })
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        await server.stop()
    }

    @Test(arguments: JournalKind.allCases)
    func aRefreshTokenCloseToItsExpiryIsAWarningInTheLogAndTheJournal(_ store: JournalKind) async throws {
        let scratch = try Scratch(store)
        let server = try await ScriptedServer.start { request in
            let body = request.path == "/v1/access_token"
                ? #"{"access_token":"fresh-access","expires_in":3600,"refresh_token_expires_in":432000}"#
                : #"{"items":[]}"#
            return .respond(TransportResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
        }
        let folder = try BinaryRunner.playbook("for c in wholesale.customers.list() do end")
        let result = try await BinaryRunner.run(
            ["run", "playbook.lua", "--target", server.baseURL, "--journal", scratch.journal], in: folder,
            environment: ["WEBEX_CLIENT_ID": "client", "WEBEX_CLIENT_SECRET": "secret-\(UUID())", "WEBEX_REFRESH_TOKEN": "refresh-\(UUID())",
                          "WEBEX_TOKEN": ""])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("the refresh token expires in 4 days"), "\(result.stderr)")
        #expect(server.requests.first?.path == "/v1/access_token", "the refresh token is exchanged at the start")
        let runs = try await Self.history(scratch)
        let shown = try await BinaryRunner.run(["show", try #require(runs.first?["id"] as? String), "--journal", scratch.journal, "--json"])
        #expect(shown.stdout.contains("the refresh token expires in 4 days"), "\(shown.stdout)")
        await server.stop()
    }

    /// How a run is stopped while its create is on the wire.
    enum Stop: String, CaseIterable, CustomStringConvertible {
        case sigkill, timeLimit
        var description: String { rawValue }
    }

    @Test(arguments: Stop.allCases, JournalKind.allCases)
    func aCreateWhoseAnswerWasLostIsLookedUpByTheNextRunInsteadOfSentAgain(_ stop: Stop, _ store: JournalKind) async throws {
        let scratch = try Scratch(store)
        // The server does the work after 1.5 s, whatever became of the client.
        let server = try SimServer.start(["--latency", "1500", "--speed", "100"])
        defer { server.stop() }
        let base = ["run", "provision-once.lua", "--target", server.url, "--journal", scratch.journal]
        let first: BinaryRunner.Result
        switch stop {
        case .sigkill:
            let running = try BinaryRunner.start(base + scratch.cue(), in: Self.folder)
            running.onCue(scratch.ready) {
                usleep(500_000)
                running.signal(SIGKILL)
            }
            first = await running.finish()
            #expect(first.killed)
        case .timeLimit:
            first = try await BinaryRunner.run(base + ["--timeout", "0.5"], in: Self.folder)
            #expect(first.exitCode == 4, "\(first.stderr)")
        }
        try await Task.sleep(for: .seconds(1.5))
        let again = try await BinaryRunner.run(base, in: Self.folder)
        #expect(again.exitCode == 0, "the customer is found, not provisioned again (which would be a 409): \(again.stderr)")
        #expect(again.stdout.contains("provisioned Y2lz"))
        let posts = server.requests.filter { $0.hasPrefix("POST /v1/wholesale/customers ") }
        #expect(posts.count == 1, "one POST in all: \(server.requests)")
        let runs = try await Self.history(scratch)
        let earlier = try #require(runs.last?["id"] as? String)
        let shown = try await BinaryRunner.run(["show", earlier, "--journal", scratch.journal, "--csv"])
        #expect(shown.stdout.contains("once-1,once-1,,,customers.provision,reconciled"), "\(shown.stdout)")
    }

    @Test func redactPIIKeepsEmailsOutOfTheJournal() async throws {
        let scratch = try Scratch()
        let email = "pii-\(UUID().uuidString.prefix(8).lowercased())@seed-provisioned.example.com"
        let folder = try BinaryRunner.playbook("""
            local owner = wholesale.customers.find{ externalId = "seed-provisioned" }
            local s = wholesale.subscribers.provision{ customerId = owner.id, email = "\(email)", packages = { "webex_meetings" },
              provisioningParameters = { firstName = "P", lastName = "I" } }
            wholesale.fail("stopping after " .. s.email)
            """)
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--redact-pii", "--journal", scratch.journal], in: folder)
        #expect(result.exitCode == 1, "\(result.stderr)")
        var journal = Data()
        for file in [scratch.journal, scratch.journal + "-wal"] {
            if let data = FileManager.default.contents(atPath: file) { journal.append(data) }
        }
        #expect(journal.count > 1000)
        #expect(journal.range(of: Data(email.utf8)) == nil, "the email is in the journal")
        let shown = try await BinaryRunner.run(["show", try #require(try await Self.history(scratch).first?["id"] as? String), "--journal", scratch.journal, "--csv"])
        #expect(shown.stdout.contains(",sha256:"), "\(shown.stdout)")
    }
}
