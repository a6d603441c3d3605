import Foundation
import Synchronization
import Testing
import WholesaleAPITesting

/// The journal on PostgreSQL where it differs from SQLite (issue 17): runs on two "hosts" (two
/// processes) sharing one database, a database that cannot be reached at the start or goes away
/// mid-run, and no password in any output. The journal suite itself (UnattendedTests) runs
/// against both stores.
@Suite struct PostgresJournalTests {
    static let folder = BinaryRunner.fixtures + "/unattended"

    @Test func anUnreachableDatabaseAtTheStartIsExit75NamingTheHostNotThePassword() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let password = "pw-\(UUID().uuidString.prefix(8))"
        let result = try await BinaryRunner.run(
            ["run", "hello.lua", "--journal", "postgres://wholesale:\(password)@127.0.0.1:\(port)/journal"], in: BinaryRunner.examples)
        #expect(result.exitCode == 75)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            wholesale: cannot open the journal postgres://wholesale@127.0.0.1:\(port)/journal: PostgreSQL at 127.0.0.1:\(port) cannot be reached (connection refused); start PostgreSQL at 127.0.0.1:\(port) or check the URL, then run again

            """)
        withExtendedLifetime(refusing) {}
    }

    @Test func aWrongPasswordIsExit2AndThePasswordIsNotPrinted() async throws {
        let admin = try TestPostgres.adminURL()
        let wrong = admin.replacingOccurrences(of: TestPostgres.password(admin), with: "not-the-password-\(UUID().uuidString.prefix(6))")
        let result = try await BinaryRunner.run(["history", "--journal", wrong])
        #expect(result.exitCode == 2)
        let port = try #require(URLComponents(string: admin)?.port)
        #expect(result.stderr == """
            wholesale: cannot open the journal postgres://wholesale@127.0.0.1:\(port)/postgres: password authentication failed for user "wholesale" (SQLSTATE 28P01)

            """)
    }

    @Test func thePasswordFromPGPASSWORDWorksAndIsInNoOutput() async throws {
        let url = try TestPostgres.database()
        let password = TestPostgres.password(url)
        let bare = url.replacingOccurrences(of: ":" + password + "@", with: "@")
        let result = try await BinaryRunner.run(
            ["run", "onboard.lua", "--var", "count=3", "--sim-speed", "200", "--journal", bare, "--log-level", "debug"], in: Self.folder,
            environment: ["PGPASSWORD": password])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let history = try await BinaryRunner.run(["history", "--journal", url], environment: ["WHOLESALE_JOURNAL": ""])
        let fromEnvironment = try await BinaryRunner.run(["history"], environment: ["WHOLESALE_JOURNAL": url])
        #expect(history.stdout.contains("exit 0") && history.stdout.contains("3 changes"), "\(history.stdout)")
        #expect(fromEnvironment.stdout == history.stdout, "WHOLESALE_JOURNAL names the same journal")
        for output in [result.stdout, result.stderr, history.stdout, history.stderr, fromEnvironment.stdout, fromEnvironment.stderr] {
            #expect(!output.contains(password))
        }
    }

    @Test func twoHostsSharingTheDatabaseNeverRunThePlaybookAtOnce() async throws {
        let scratch = try Scratch(.postgres)
        // Two copies of the playbook at the same absolute path stand for two hosts: the lock is
        // the database's, not a file's, so the second is refused wherever it runs.
        let first = try BinaryRunner.start(["run", "slow.lua", "--journal", scratch.journal, "--var", "seconds=40"] + scratch.cue(), in: Self.folder,
                                           limit: 60)
        try await scratch.waitForCue(first)
        let second = try await BinaryRunner.run(["run", "slow.lua", "--journal", scratch.journal, "--var", "seconds=0"], in: Self.folder)
        #expect(second.exitCode == 3, "\(second.stderr)")
        let holder = try TestPostgres.psql(scratch.journal, "SELECT host || ' ' || pid || ' ' || run FROM locks")
        #expect(second.report.contains("holds its lock (host \(holder.split(separator: " ")[0]), pid \(first.process.processIdentifier), run "), "\(second.stderr)")
        first.signal(SIGKILL)
        _ = await first.finish()
        // The killed holder's session ended with it, and the lock with the session.
        let next = try await BinaryRunner.run(["run", "slow.lua", "--journal", scratch.journal, "--var", "seconds=0"], in: Self.folder)
        #expect(next.exitCode == 0, "\(next.stderr)")
        #expect(next.stderr.contains("an earlier run was interrupted"), "\(next.stderr)")
        #expect(!next.stderr.contains(TestPostgres.password(scratch.journal)))
    }

    @Test func theDatabaseGoneMidRunStopsEveryChangeExits75AndTheNextRunFinishes() async throws {
        let cluster = try TestPostgres.Cluster()
        let journal = try TestPostgres.database(on: cluster.admin)
        let scratch = try Scratch()
        let server = try SimServer.start(["--speed", "100", "--latency", "5"])
        defer { server.stop() }
        let base = ["run", "onboard.lua", "--target", server.url, "--journal", journal]
        let running = try BinaryRunner.start(base + scratch.cue(at: 60), in: Self.folder, limit: 90)
        let stoppedServer = Mutex(false)
        running.onCue(scratch.ready) {
            try? cluster.stop()
            stoppedServer.withLock { $0 = true }
        }
        let stopped = await running.finish()
        // The run may end before pg_ctl has seen the server go: start it again only after that.
        while !stoppedServer.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(stopped.exitCode == 75, "\(stopped.stderr)")
        #expect(stopped.report.contains("cannot write the journal"), "\(stopped.report)")
        #expect(!stopped.stderr.contains(TestPostgres.password(journal)))
        let posted = server.requests.filter { $0.hasPrefix("POST /v1/wholesale/customers ") }.count
        try cluster.start()
        // Every create the simulator received was journaled before it was sent.
        let journaled = Int(try TestPostgres.psql(journal, "SELECT count(*) FROM calls WHERE operation = 'customers.provision'")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(posted > 0 && posted <= journaled, "\(posted) creates sent, \(journaled) journaled")
        let again = try await BinaryRunner.run(base, in: Self.folder, limit: 120)
        #expect(again.exitCode == 0, "\(again.stderr)")
        let counted = try await BinaryRunner.run(["run", "count.lua", "--target", server.url, "--journal", scratch.helperJournal], in: Self.folder)
        let lines = counted.stdout.split(separator: "\n")
        #expect(lines.count == 200, "every customer exists (\(lines.count))")
        #expect(lines.allSatisfy { $0.hasSuffix(" 1") }, "none exists twice")
    }
}
