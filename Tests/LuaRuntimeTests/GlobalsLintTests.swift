import LuaRuntime
import Testing

@Suite struct GlobalsLintTests {
    func lint(_ source: String) throws -> [String] {
        let vm = try makeVM()
        return vm.lintGlobals(try vm.compile(source, chunkName: "p.lua")).map(\.description)
    }

    @Test func assignmentInsideAFunctionToAnUndeclaredGlobalIsFound() throws {
        #expect(try lint("""
            count = 0
            local function f()
              count = count + 1
              totl = count
            end
            """) == ["line 4: assignment to undeclared global 'totl' inside a function (declare it with 'local', or assign it once at the top level of the file)"])
    }

    @Test func unknownReadsAreFoundAndLibrariesAreKnown() throws {
        #expect(try lint("""
            local x = string.format('%d', 1)
            print(x, host.sleep, require, pcall)

            local function g()
              return hots.sleep
            end
            """) == ["line 5: 'hots' is not a known global (a typo, or a missing 'local'?)"])
    }

    @Test func topLevelDeclarationsCount() throws {
        #expect(try lint("function helper() return helper end\nlocal y = helper()") == [])
    }

    @Test func linesSurviveLongFunctions() throws {
        // More than 128 instructions and a jump of more than 127 lines both use absolute line info.
        let calls = (1...150).map { "  print(\($0))" }.joined(separator: "\n")
        let gap = String(repeating: "\n", count: 300)
        #expect(try lint("local function f()\n\(calls)\(gap)\n  oops = 1\nend") == [
            "line 452: assignment to undeclared global 'oops' inside a function (declare it with 'local', or assign it once at the top level of the file)"
        ])
    }
}
