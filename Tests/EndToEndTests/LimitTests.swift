import Foundation
import Testing

/// Every limit against every escape route, each run by the binary under a hard SIGKILL deadline.
@Suite struct LimitTests {
    static let timeEscapes = [
        "while true do end",
        "while true do pcall(function() while true do end end) end",
        "xpcall(function() while true do end end, function() while true do end end)",
        "while true do xpcall(function() while true do end end, function(e) return e end) end",
        "coroutine.wrap(function() while true do end end)()",
        "local co = coroutine.create(function() while true do coroutine.yield() end end) while true do coroutine.resume(co) end",
        "pcall(function() local x <close> = setmetatable({}, { __close = function() while true do end end }) error('x') end)",
        "wholesale.parallel({ 1, 2, 3 }, function() while true do end end)",
        "while true do coroutine.yield() end",
        "wholesale.sleep(60)",
        "wholesale.sleep(1e300)",
        "local co = coroutine.create(function() local x <close> = setmetatable({}, { __close = function() while true do end end }) coroutine.yield() end) coroutine.resume(co) coroutine.close(co)",
        "local s = string.rep('', math.maxinteger) while true do end",
        "local t = {} while true do t[#t + 1] = tostring(#t) if #t > 1000 then t = {} end end",
    ]

    @Test(arguments: timeEscapes)
    func timeLimitHolds(_ source: String) async throws {
        let folder = try BinaryRunner.playbook(source)
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--timeout", "0.5"], in: folder, limit: 15)
        #expect(!result.killed, "the run outlived its time limit: \(source)")
        #expect(result.exitCode == 4, "\(source): \(result.stderr)")
        #expect(result.stderr.contains("time limit of 0.5 s exceeded"))
    }

    static let memoryEscapes = [
        "local t = {} for i = 1, 1e8 do t[i] = i end",
        "local s = string.rep('x', 1e9)",
        "while true do pcall(string.rep, 'x', 1e9) end",
        "local s = 'x' while true do s = s .. s end",
        "local t = {} while true do pcall(function() for i = 1, 1e9 do t[#t + 1] = i end end) end",
        "xpcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end, function() while true do end end)",
        "local co = coroutine.wrap(function() local t = {} for i = 1, 1e9 do t[i] = i end end) while true do pcall(co) end",
        "local t = {} wholesale.parallel({ 1, 2 }, function() for i = 1, 1e9 do t[#t + 1] = {} end end)",
        "while true do pcall(wholesale.json.decode, '[' .. string.rep('1,', 4e6) .. '1]') end",
    ]

    @Test(arguments: memoryEscapes)
    func memoryLimitHolds(_ source: String) async throws {
        let folder = try BinaryRunner.playbook(source)
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--max-memory", "32", "--timeout", "20"], in: folder, limit: 30)
        #expect(!result.killed)
        #expect(result.exitCode == 4, "\(source): \(result.stderr)")
        #expect(result.stderr.contains("memory limit of 32 MB exceeded"), "\(result.stderr)")
    }

    /// A limit that trips in the `__tostring` of an uncaught error value is still the limit.
    @Test(arguments: [
        (["--timeout", "1"], "error(setmetatable({}, { __tostring = function() while true do end end }))",
         "wholesale: limit: time limit of 1 s exceeded: the playbook ran longer than --timeout allows (raise it, or pass --timeout 0 for no limit)\n"),
        (["--max-memory", "32"], "error(setmetatable({}, { __tostring = function() local t = {} for i = 1, 1e9 do t[i] = i end end }))",
         "wholesale: limit: memory limit of 32 MB exceeded: the playbook's Lua data grew past --max-memory (raise it, or process rows as they come instead of keeping them)\n"),
    ])
    func aLimitInTheToStringOfAnUncaughtErrorIsTheLimit(_ options: [String], _ source: String, _ report: String) async throws {
        let folder = try BinaryRunner.playbook(source)
        let result = try await BinaryRunner.run(["run", "playbook.lua"] + options, in: folder, limit: 30)
        #expect(result.exitCode == 4, "\(result.stderr)")
        #expect(result.report == report)
    }

    /// C loops the watchdog cannot interrupt are refused or cut short instead.
    @Test func uninterruptibleCLoopsAreRefused() async throws {
        let folder = try BinaryRunner.playbook("print(#string.rep('', math.maxinteger, ''))\ntable.move({}, 1, 1e15, 1, {})")
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--timeout", "5"], in: folder, limit: 15)
        #expect(result.stdout == "0\n")
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("playbook.lua:2: table.move: more than 16777216 elements at once"), "\(result.stderr)")
    }

    @Test func finalizersCannotBeArmed() async throws {
        let folder = try BinaryRunner.playbook("setmetatable({}, { __gc = function() while true do end end })")
        let result = try await BinaryRunner.run(["run", "playbook.lua", "--timeout", "0.5"], in: folder, limit: 15)
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("__gc finalizers are not allowed"))
    }
}
