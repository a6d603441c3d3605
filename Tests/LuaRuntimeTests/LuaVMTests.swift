import LuaRuntime
import Testing

@Suite struct LuaVMTests {
    @Test func theVMIsLua54() throws {
        let vm = try LuaVM()
        #expect(vm.version == "Lua 5.4")
        #expect(try vm.evaluate("return _VERSION") == [.string("Lua 5.4")])
    }

    @Test func mainChunkReturnsValues() throws {
        let vm = try LuaVM()
        #expect(try vm.evaluate("return 1, 2.5, 'x', nil, true") == [.integer(1), .number(2.5), .string("x"), nil, .boolean(true)])
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let vm = try LuaVM()
        let error = #expect(throws: LuaError.self) { try vm.compile("local x = \n  = 2", chunkName: "books/p.lua") }
        #expect(error?.kind == .syntax)
        #expect(error?.message.hasPrefix("books/p.lua:2:") == true)
    }

    @Test func runtimeErrorCarriesLocationAndTraceback() throws {
        let vm = try LuaVM()
        let error = #expect(throws: LuaError.self) {
            try vm.evaluate("local function f()\n error('boom')\nend\nf()", chunkName: "p.lua")
        }
        #expect(error?.kind == .runtime)
        #expect(error?.message == "p.lua:2: boom")
        #expect(error?.location == "p.lua:2")
        #expect(error?.traceback?.contains("p.lua:4") == true)
    }
}
