import LuaRuntime
import Synchronization
import Testing

/// Counts live instances, to prove no Swift object outlives a raised error.
final class Tracked: Sendable {
    static let live = Atomic<Int>(0)
    init() { Self.live.add(1, ordering: .relaxed) }
    deinit { Self.live.subtract(1, ordering: .relaxed) }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String { "it broke" }
}

@Suite(.serialized) struct HostFunctionTests {
    @Test func badArgumentsReadLikeLua() throws {
        let vm = try makeVM([.sync("get") { arguments in .value(.string(try arguments.string(1))) }])
        let results = try vm.evaluate("""
            local ok, err = pcall(host.get, {})
            return ok, tostring(err), err.kind, err.message
            """)
        #expect(results == [.boolean(false), .string("bad argument #1 to 'host.get' (string expected, got table)"),
                            .string("usage"), .string("bad argument #1 to 'host.get' (string expected, got table)")])
    }

    @Test func typedReadersAcceptWhatLuaAccepts() throws {
        let vm = try makeVM([
            .sync("f") { a in .values([.string(try a.string(1)), .integer(try a.integer(2)), .number(try a.number(3)), try a.optionalBoolean(4).map(LuaValue.boolean)]) }
        ])
        #expect(try vm.evaluate("return host.f(12, 3.0, 2)") == [.string("12"), .integer(3), .number(2), nil])
        let error = #expect(throws: LuaError.self) { try vm.evaluate("host.f('a', 1.5, 1)") }
        #expect(error?.message.contains("bad argument #2 to 'host.f' (number has no integer representation)") == true)
    }

    @Test func swiftErrorIsACatchableTable() throws {
        let vm = try makeVM([.sync("boom") { _ in throw TestFailure() }])
        let results = try vm.evaluate("""
            local ok, err = pcall(host.boom)
            return ok, type(err), err.kind, err.message, tostring(err)
            """)
        #expect(results == [.boolean(false), .string("table"), .string("host"), .string("it broke"), .string("it broke")])
    }

    @Test func uncaughtHostErrorReachesSwiftWithLocation() throws {
        let vm = try makeVM([.sync("boom") { _ in throw HostError(kind: .http, message: "HTTP 409", extra: ["status": 409]) }])
        let error = #expect(throws: LuaError.self) { try vm.evaluate("local x = 1\nhost.boom()", chunkName: "p.lua") }
        #expect(error?.description == "p.lua:2: HTTP 409")
        #expect(error?.value?.objectValue?["status"] == .integer(409))
    }

    @Test func raisedErrorsLeakNoSwiftObjects() throws {
        let before = Tracked.live.load(ordering: .relaxed)
        let vm = try makeVM([
            .sync("boom") { arguments in
                let held = Tracked()
                let text = try arguments.string(1) + String(repeating: "x", count: 100)
                withExtendedLifetime(held) {}
                throw HostError.usage(text)
            }
        ])
        try vm.evaluate("for i = 1, 1000 do assert(not pcall(host.boom, 'e')) end")
        #expect(Tracked.live.load(ordering: .relaxed) == before)
    }

    @Test func asyncWorkResumesTheCoroutine() async throws {
        let result = await evaluateOnLuaThread("""
            local a = host.fetch(20)
            local ok, err = pcall(host.fetch, -1)
            return a, ok, err.message
            """, functions: [
                .async("fetch") { arguments in
                    let n = try arguments.integer(1)
                    return .work {
                        try await Task.sleep(for: .milliseconds(10))
                        if n < 0 { throw HostError(kind: .http, message: "negative") }
                        return .value(.integer(n * 2))
                    }
                }
            ])
        #expect(try result.get() == [.integer(40), .boolean(false), .string("negative")])
    }

    @Test func asyncCallInsideUserCoroutineWorks() async throws {
        let result = await evaluateOnLuaThread("""
            local gen = coroutine.wrap(function()
              coroutine.yield(host.sleep(0.01) or 1)
              coroutine.yield(2)
            end)
            local co = coroutine.create(function(x) host.sleep(0.01) return x + 1 end)
            local ok, v = coroutine.resume(co, 41)
            return gen(), gen(), ok, v, coroutine.status(co)
            """)
        #expect(try result.get() == [.integer(1), .integer(2), .boolean(true), .integer(42), .string("dead")])
    }

    @Test func asyncCallFromNonYieldableContextIsAClearError() async throws {
        let result = await evaluateOnLuaThread("""
            local t = {3, 1, 2}
            table.sort(t, function(a, b) host.sleep(0) return a < b end)
            """)
        #expect(throws: LuaError.self) { try result.get() }
        if case .failure(let error) = result {
            #expect(error.message.contains("wholesale.sleep cannot wait here"))
        }
    }

    @Test func stackIsBalancedAfterErrors() throws {
        let vm = try makeVM([.sync("boom") { _ in throw TestFailure() }, .sync("depth") { _ in .value(.integer(0)) }])
        for _ in 0..<100 { _ = try? vm.evaluate("host.boom()") }
        #expect(try vm.evaluate("return select('#', host.depth())") == [.integer(1)])
        #expect(vm.memoryUsed < 1 << 20)
    }
}

@Suite struct HostResultLimitTests {
    static let big = String(repeating: "x", count: 16 << 20)

    @Test func hugeSyncResultStopsTheRun() async throws {
        let result = await evaluateOnLuaThread(
            "while true do pcall(host.big) end", configuration: .init(memoryLimit: 8 << 20),
            functions: [.sync("big") { _ in .value(.string(Self.big)) }])
        #expect(throws: LuaError.self) { try result.get() }
        if case .failure(let error) = result { #expect(error.kind == .memoryLimit) }
    }

    @Test func hugeAsyncResultStopsTheRun() async throws {
        let result = await evaluateOnLuaThread(
            "while true do pcall(host.big) end", configuration: .init(memoryLimit: 8 << 20),
            functions: [.async("big") { _ in .work { .value(.string(Self.big)) } }])
        #expect(throws: LuaError.self) { try result.get() }
        if case .failure(let error) = result { #expect(error.kind == .memoryLimit) }
    }
}
