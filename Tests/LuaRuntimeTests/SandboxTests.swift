import Foundation
import LuaRuntime
import Testing

@Suite struct SandboxTests {
    @Test(arguments: [
        "io", "package", "debug", "dofile", "loadfile", "collectgarbage", "string.dump", "os.execute", "os.exit",
        "os.getenv", "os.remove", "os.rename", "os.tmpname", "os.setlocale", "package.loadlib",
    ])
    func absent(_ name: String) throws {
        let vm = try LuaVM()
        let parts = name.split(separator: ".")
        let expression = parts.count == 1 ? name : "(\(parts[0]) or {}).\(parts[1])"
        #expect(try vm.evaluate("return \(expression) == nil") == [.boolean(true)])
    }

    @Test(arguments: ["string", "table", "math", "utf8", "coroutine", "os.time", "os.clock", "os.date", "pcall", "require", "load"])
    func present(_ name: String) throws {
        let vm = try LuaVM()
        #expect(try vm.evaluate("return \(name) ~= nil") == [.boolean(true)])
    }

    @Test func binaryChunksAreRefused() throws {
        let vm = try LuaVM()
        let results = try vm.evaluate(#"return load("\27Lua\84\0\25\147\r\n\26\n")"#)
        #expect(results.first == .some(nil))
        #expect(results.last??.stringValue?.contains("binary") == true)
        #expect(try vm.evaluate("return load('return 1 + 1')()") == [.integer(2)])
    }

    @Test func stringMetatableIsReadOnly() throws {
        let vm = try LuaVM()
        #expect(try vm.evaluate("return type(getmetatable(''))") == [.string("string")])
        #expect(throws: LuaError.self) { try vm.evaluate("getmetatable('').__index = {}") }
        #expect(try vm.evaluate("return ('x'):upper()") == [.string("X")])
    }

    @Test func finalizersAreRefused() throws {
        let vm = try LuaVM()
        let error = #expect(throws: LuaError.self) { try vm.evaluate("setmetatable({}, {__gc = print})") }
        #expect(error?.message.contains("__gc finalizers are not allowed") == true)
    }

    @Test func globalsDeclaredAtTopLevelOnly() throws {
        let vm = try LuaVM()
        #expect(try vm.evaluate("count = 1\nfunction bump() count = count + 1 end\nbump()\nreturn count") == [.integer(2)])
        let error = #expect(throws: LuaError.self) { try vm.evaluate("local function f()\n  totl = 5\nend\nf()", chunkName: "p.lua") }
        #expect(error?.message.hasPrefix("p.lua:2: assignment to undeclared global 'totl' inside a function") == true)
        #expect(throws: LuaError.self) { try vm.evaluate("local function f() _G.y = 1 end f()") }
    }

    @Test func requireLoadsFromTheModuleFolderOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("req-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "local inner = require('lib.inner')\nreturn { value = inner.value + 1, fail = inner.fail }".write(toFile: folder + "/outer.lua", atomically: true, encoding: .utf8)
        try "local M = { value = 41 }\nfunction M.fail()\n  error('deep')\nend\nreturn M".write(toFile: folder + "/lib/inner.lua", atomically: true, encoding: .utf8)
        let vm = try LuaVM(configuration: .init(moduleDirectory: folder))
        #expect(try vm.evaluate("local o = require('outer') return o.value, require('outer') == o") == [.integer(42), .boolean(true)])
        let error = #expect(throws: LuaError.self) { try vm.evaluate("require('outer').fail()") }
        #expect(error?.message == "\(folder)/lib/inner.lua:3: deep")
        #expect(error?.traceback?.contains("inner.lua:3") == true)
        for name in ["../etc/passwd", "/etc/passwd", "a/b", "x y"] {
            let refused = #expect(throws: LuaError.self) { try vm.evaluate("require('\(name)')") }
            #expect(refused?.message.contains("is not allowed") == true)
        }
        let missing = #expect(throws: LuaError.self) { try vm.evaluate("require('nope')") }
        #expect(missing?.message.contains("not found") == true)
    }

    @Test func requireFollowsNoSymlinkOutOfTheFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("req-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outside = folder + "-outside.lua"
        try "return 1".write(toFile: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/evil.lua", withDestinationPath: outside)
        let vm = try LuaVM(configuration: .init(moduleDirectory: folder))
        let error = #expect(throws: LuaError.self) { try vm.evaluate("require('evil')") }
        #expect(error?.message.contains("outside the playbook's folder") == true)
    }

    @Test func marksAreLockedAndOnlyMarkPlainTables() throws {
        let vm = try makeVM()
        #expect(try vm.evaluate("return getmetatable(host.array{}), getmetatable(host.object{})") == [.boolean(false), .boolean(false)])
        let error = #expect(throws: LuaError.self) { try vm.evaluate("host.array(_G)") }
        #expect(error?.message.contains("the table already has a metatable") == true)
        #expect(try vm.evaluate("local t = host.array{} return getmetatable(host.object(t))") == [.boolean(false)])
    }
}
