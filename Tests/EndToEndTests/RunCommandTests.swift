import Foundation
import Testing

@Suite struct RunCommandTests {
    @Test func helloPlaybookPrintsItsGreetings() async throws {
        let result = try await BinaryRunner.run(["run", "hello.lua", "--var", "greeting=Hi"], in: BinaryRunner.examples)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == """
            Hi, Ada!
            Hi, Grace!
            Hi, Linus!
            failures: 0
            {"count":3,"empty":[],"none":null}

            """)
    }

    @Test func playbookPathMayBeAnywhere() async throws {
        let result = try await BinaryRunner.run(["run", BinaryRunner.examples + "/hello.lua"], in: "/")
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Hello, Ada!"))
    }

    @Test func syntaxErrorExits2WithFileAndLine() async throws {
        let result = try await BinaryRunner.run(["run", "syntax.lua"])
        #expect(result.exitCode == 2)
        #expect(result.report.hasPrefix("syntax.lua:5: 'end' expected (to close 'if' at line 3) near <eof>"), "\(result.stderr)")
    }

    @Test func uncaughtErrorExits1WithLocationAndTraceback() async throws {
        let result = try await BinaryRunner.run(["run", "error.lua"])
        #expect(result.exitCode == 1)
        #expect(result.report.hasPrefix("wholesale: playbook failed: error.lua:2: cannot provision acme\nstack traceback:"), "\(result.stderr)")
        #expect(result.stderr.contains("error.lua:5: in main chunk"))
    }

    @Test func failExits1WithTheMessageOnly() async throws {
        let result = try await BinaryRunner.run(["run", "fail.lua"])
        #expect(result.exitCode == 1)
        #expect(result.report == "wholesale: playbook failed: fail.lua:2: 3 customers could not be provisioned\n", "\(result.stderr)")
    }

    @Test func filesCSVAndJSONWorkInsideThePlaybookFolder() async throws {
        let folder = try BinaryRunner.copyOfFixtures()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        let result = try await BinaryRunner.run(["run", "files.lua"], in: folder)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "2\tAcme, Inc.\nfalse\tusage\nwholesale.env: WEBEX_TOKEN holds a credential and is not readable from playbooks\n")
        let csv = try String(contentsOfFile: folder + "/out/outcome.csv", encoding: .utf8)
        #expect(csv == "externalId,name,status\nacme-1,\"Acme, Inc.\",planned\nbeta-2,\"Beta \"\"B\"\" Ltd\",planned\n")
    }

    @Test func filesOutsideTheFolderNeedAllowDir() async throws {
        let data = try BinaryRunner.playbook("return")
        let book = try BinaryRunner.playbook("""
            local rows = wholesale.collect(wholesale.csv.read("\(data)/../x.csv"))
            """)
        let refused = try await BinaryRunner.run(["run", "playbook.lua"], in: book)
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("is outside the playbook's folder"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--allow-dir"))
    }

    @Test func csvProblemsNameTheLine() async throws {
        let folder = try BinaryRunner.playbook("for row in wholesale.csv.read('bad.csv') do end")
        try "a,b\n1,2\n3,4,5\n".write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let result = try await BinaryRunner.run(["run", "playbook.lua"], in: folder)
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("bad.csv:3: the row has 3 fields but the header has 2"), "\(result.stderr)")
    }

    @Test(arguments: [
        (["run"], "Missing expected argument"),
        (["run", "nope.lua"], "cannot read nope.lua: no such file"),
        (["run", "fail.lua", "--var", "novalue"], "--var novalue: expected KEY=VALUE"),
        (["run", "fail.lua", "--concurrency", "0"], "--concurrency must be at least 1"),
        (["run", "fail.lua", "--bogus"], "Unknown option '--bogus'"),
    ])
    func usageErrorsExit2(_ arguments: [String], _ message: String) async throws {
        let result = try await BinaryRunner.run(arguments)
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test(arguments: [
        (["--timeout", "-5"], "--timeout takes a number of seconds ≥ 0, 0 for no limit (got -5)"),
        (["--timeout=-0.5"], "--timeout takes a number of seconds ≥ 0, 0 for no limit (got -0.5)"),
        (["--timeout", "inf"], "--timeout takes a number of seconds ≥ 0, 0 for no limit (got inf)"),
        (["--max-memory", "-1"], "--max-memory takes a number of MB from 0 (no limit) to 8796093022207 (got -1)"),
        (["--max-memory", "17592186044417"], "--max-memory takes a number of MB from 0 (no limit) to 8796093022207 (got 17592186044417)"),
    ])
    func limitOptionsOutOfRangeSayWhatToPass(_ options: [String], _ message: String) async throws {
        let result = try await BinaryRunner.run(["run", "fail.lua"] + options)
        #expect(result.exitCode == 2)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == "Error: \(message)", "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func varsFileFeedsArgsAndVarWins() async throws {
        let folder = try BinaryRunner.playbook("print(wholesale.args.region, wholesale.args.count, math.type(wholesale.args.count))")
        try #"{"region": "emea", "count": 3}"#.write(toFile: folder + "/vars.json", atomically: true, encoding: .utf8)
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--vars", "vars.json", "--var", "region=apac"], in: folder)
        #expect(result.stdout == "apac\t3\tinteger\n", "\(result.stderr)")
        try "[1]".write(toFile: folder + "/vars.json", atomically: true, encoding: .utf8)
        let bad = try await BinaryRunner.run(["run", "playbook.lua", "--vars", "vars.json"], in: folder)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("--vars vars.json: the file must hold a JSON object"))
    }

    @Test func jsonLogLinesCarryFieldsWithTheirTypes() async throws {
        let folder = try BinaryRunner.playbook("wholesale.log.info('provisioned', { externalId = 'acme', count = 2 })\nwholesale.log.debug('hidden')")
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--log-format", "json"], in: folder)
        #expect(result.exitCode == 0)
        let lines = result.stderr.split(separator: "\n").filter { !$0.contains(#""message":"run started""#) }
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#""count":2"#) == true)
        #expect(lines.first?.contains(#""externalId":"acme""#) == true)
        #expect(lines.first?.contains(#""message":"provisioned""#) == true)
    }

    @Test(arguments: [[], ["run"], ["check"]])
    func helpExplainsWithAnExample(_ command: [String]) async throws {
        let result = try await BinaryRunner.run(command + ["--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Example"), "\(result.stdout)")
    }

    @Test func checkReportsEachFile() async throws {
        let good = try await BinaryRunner.run(["check", "fail.lua", "error.lua"])
        #expect(good.exitCode == 0)
        #expect(good.stdout == "fail.lua: ok\nerror.lua: ok\n")
        let bad = try await BinaryRunner.run(["check", "fail.lua", "syntax.lua"])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.hasPrefix("syntax.lua:5:"))
    }

    @Test func checkLintsGlobals() async throws {
        let result = try await BinaryRunner.run(["check", "sloppy.lua"])
        #expect(result.exitCode == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            sloppy.lua:6: assignment to undeclared global 'lastRow' inside a function (declare it with 'local', or assign it once at the top level of the file)
            sloppy.lua:7: warning: 'wholsale' is not a known global (a typo, or a missing 'local'?)

            """)
        let run = try await BinaryRunner.run(["run", "sloppy.lua"])
        #expect(run.exitCode == 1)
        #expect(run.stderr.contains("sloppy.lua:6: assignment to undeclared global 'lastRow' inside a function"))
    }
}
