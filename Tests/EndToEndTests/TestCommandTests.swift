import Foundation
import Testing

/// `wholesale test` on the fixture specs in Fixtures/specs, as a partner's CI runs it: the
/// whole summary and exit code for passing, failing, erroring, pending and hanging tests, a
/// spec that does not compile, misuse, TAP, and JUnit XML read back by junitparser.
@Suite struct TestCommandTests {
    static let folder = BinaryRunner.fixtures + "/specs"

    /// `(1.12 s)` and `1.12 s)` durations as `(T s)`: the one token that changes from run to run.
    static func timeless(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d+\.\d\d s\)"#, with: "T s)", options: .regularExpression)
    }

    static let outcomesSummary = """
        spec/outcomes_spec.lua: 1 passed, 2 failed, 1 pending (T s)
        FAIL onboard shows where tables differ: spec/outcomes_spec.lua:11: customers[2].status: expected "provisioned", got "error" (seed 232835212; replay with --seed 1 --filter 'onboard shows where tables differ')
        ERROR onboard reports an error that is not an assertion: spec/outcomes_spec.lua:17: attempt to index a nil value (local 't') (seed 145562116; replay with --seed 1 --filter 'onboard reports an error that is not an assertion')

        """

    /// The hang's lines at a `--timeout` of `seconds`.
    static func hangSummary(_ seconds: Int) -> String {
        """
        spec/hang_spec.lua: 1 passed, 1 failed (T s)
        FAIL a hang hangs: timed out after \(seconds) s (raise it with --timeout; a wait in the playbook may need a faster --speed) (seed 945963506; replay with --seed 1 --filter 'a hang hangs')

        """
    }

    @Test func passingSpecsExit0WithASummary() async throws {
        let result = try await BinaryRunner.run(["test", "spec/passing_spec.lua"], in: Self.folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(Self.timeless(result.stdout) == """
            spec/passing_spec.lua: 5 passed (T s)
            5 tests: 5 passed, 0 failed (seed 1, T s)

            """)
        #expect(result.stderr == "")
    }

    @Test func everyOutcomeIsReportedWithItsLineAndSeed() async throws {
        let result = try await BinaryRunner.run(["test", "spec/outcomes_spec.lua"], in: Self.folder)
        #expect(result.exitCode == 1)
        #expect(Self.timeless(result.stdout) == Self.outcomesSummary + "4 tests: 1 passed, 2 failed, 1 pending (seed 1, T s)\n")
    }

    @Test func aHangIsTimedOutAndTheNextTestStillRuns() async throws {
        let result = try await BinaryRunner.run(["test", "spec/hang_spec.lua", "--timeout", "1"], in: Self.folder)
        #expect(result.exitCode == 1)
        #expect(Self.timeless(result.stdout) == Self.hangSummary(1) + "2 tests: 1 passed, 1 failed (seed 1, T s)\n")
    }

    @Test func aSpecThatDoesNotCompileIsExit2AndTheOtherFilesStillRun() async throws {
        let result = try await BinaryRunner.run(["test", "--timeout", "5"], in: Self.folder)
        #expect(result.exitCode == 2)
        #expect(Self.timeless(result.stdout) == """
            spec/broken_spec.lua: 0 passed (T s)
            ERROR spec/broken_spec.lua:4: unexpected symbol near 'end'

            """ + Self.hangSummary(5) + Self.outcomesSummary + """
            spec/passing_spec.lua: 5 passed (T s)
            11 tests: 7 passed, 3 failed, 1 pending, 1 file error (seed 1, T s)

            """)
    }

    @Test func aMissingPlaybookFailsItsTestAndAnAssertionOutsideATestIsAFileProblem() async throws {
        let result = try await BinaryRunner.run(["test", "misuse"], in: Self.folder)
        #expect(result.exitCode == 1)
        #expect(Self.timeless(result.stdout) == """
            misuse/missing_spec.lua: 0 passed, 1 failed (T s)
            ERROR runs a playbook that is not there: misuse/missing_spec.lua:3: wholesale.test.run: no playbook nowhere.lua beside misuse/missing_spec.lua (looked in its folder, the folder above and the current one) (seed 423951386; replay with --seed 1 --filter 'runs a playbook that is not there')
            misuse/outside_spec.lua: 0 passed (T s)
            ERROR misuse/outside_spec.lua: misuse/outside_spec.lua:2: assert.equals must be called inside a test (it)
            1 test: 0 passed, 1 failed, 1 file error (seed 1, T s)

            """)
    }

    @Test func aPathThatDoesNotExistIsExit2() async throws {
        let result = try await BinaryRunner.run(["test", "nope/"], in: Self.folder)
        #expect(result.exitCode == 2)
        #expect(Self.timeless(result.stdout) == """
            nope/: 0 passed (T s)
            ERROR nope/: no such file or folder
            0 tests: 0 passed, 0 failed, 1 file error (seed 1, T s)

            """)
    }

    @Test func filterRunsTheTestsWhoseNameMatches() async throws {
        let result = try await BinaryRunner.run(["test", "spec/passing_spec.lua", "--filter", "dry run", "--tap"], in: Self.folder)
        #expect(result.exitCode == 0)
        #expect(result.stdout == """
            TAP version 13
            1..1
            ok 1 - the spec simulator plans in a dry run and sends no change

            """)
    }

    @Test func tapNamesEveryTestAndExplainsTheFailures() async throws {
        let result = try await BinaryRunner.run(["test", "spec/outcomes_spec.lua", "--tap"], in: Self.folder)
        #expect(result.exitCode == 1)
        #expect(result.stdout == """
            TAP version 13
            1..4
            ok 1 - onboard onboards every row
            not ok 2 - onboard shows where tables differ
              ---
              message: |
                spec/outcomes_spec.lua:11: customers[2].status: expected "provisioned", got "error"
                seed 232835212
              ...
            not ok 3 - onboard reports an error that is not an assertion
              ---
              message: |
                spec/outcomes_spec.lua:17: attempt to index a nil value (local 't')
                seed 145562116
              ...
            ok 4 - onboard handles sub-partners # SKIP pending

            """)
    }

    @Test func junitXMLReadsBackWithTheRightCounts() async throws {
        let scratch = try Scratch()
        let report = scratch.path + "/junit.xml"
        let result = try await BinaryRunner.run(
            ["test", "spec/passing_spec.lua", "spec/outcomes_spec.lua", "spec/hang_spec.lua", "--timeout", "5", "--junit", report], in: Self.folder)
        #expect(result.exitCode == 1)
        let python = try #require(ProcessInfo.processInfo.environment["WHOLESALE_TEST_PYTHON"],
                                  "scripts/test sets WHOLESALE_TEST_PYTHON to a Python with junitparser (Tests/tools/requirements.txt)")
        let reader = """
            import sys
            from junitparser import JUnitXml, Failure, Error, Skipped
            xml = JUnitXml.fromfile(sys.argv[1])
            for suite in xml:
                kinds = [type(r).__name__ for case in suite for r in case.result]
                print(suite.name, suite.tests, suite.failures, suite.errors, suite.skipped, ",".join(sorted(kinds)))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", reader, report]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text == """
            spec/passing_spec.lua 5 0 0 0 
            spec/outcomes_spec.lua 4 1 1 1 Error,Failure,Skipped
            spec/hang_spec.lua 2 1 0 0 Failure

            """)
    }

    @Test func thePassingSpecsPassWhateverTheSeed() async throws {
        for seed in ["1", "2", "3"] {
            let result = try await BinaryRunner.run(["test", "spec/passing_spec.lua", "--seed", seed], in: Self.folder)
            #expect(result.exitCode == 0, "seed \(seed): \(result.stdout)")
        }
    }

    @Test func coverageNamesTheLinesNeverRunAndWritesLCOV() async throws {
        let scratch = try Scratch()
        let lcov = scratch.path + "/lcov.info"
        let result = try await BinaryRunner.run(["test", "coverage", "--coverage-out", lcov], in: Self.folder)
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(Self.timeless(result.stdout) == """
            coverage/branchy_spec.lua: 1 passed (T s)
            1 test: 1 passed, 0 failed (seed 1, T s)
            coverage: 77% of the lines of 1 playbook file ran (7 of 9)
              coverage/branchy.lua: 77% (7 of 9)
                coverage/branchy.lua:11-12 never ran: the fallback nobody tests

            """)
        let path = URL(fileURLWithPath: Self.folder + "/coverage/branchy.lua").standardizedFileURL.resolvingSymlinksInPath().path
        #expect(try String(contentsOfFile: lcov, encoding: .utf8) == """
            TN:
            SF:\(path)
            DA:2,1
            DA:4,1
            DA:5,3
            DA:6,2
            DA:7,1
            DA:9,1
            DA:11,0
            DA:12,0
            DA:15,1
            LF:9
            LH:7
            end_of_record

            """)
    }

    @Test func withoutCoverageNothingIsCountedOrReported() async throws {
        let result = try await BinaryRunner.run(["test", "coverage"], in: Self.folder)
        #expect(result.exitCode == 0)
        #expect(!result.stdout.contains("coverage:"))
    }
}
