// In-process figures for scripts/bench: host-call overhead, coroutine fan-out, and the client (ClientBench.swift).
// Prints one `name value unit` line per figure; scripts/bench makes the table.
import Dispatch
import LuaRuntime

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func best(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var result = Double.infinity
    for _ in 0..<runs { result = min(result, try seconds(body)) }
    return result
}

// `wholesale-bench client` runs only the client's figures, `wholesale-bench overhead` only the
// in-process one (for profiling); `wholesale-bench canned` serves one fixed customer over HTTP
// until killed (the baseline scripts/bench loads beside `wholesale sim serve`).
let mode = CommandLine.arguments.dropFirst().first ?? "all"
if mode == "canned" {
    try await serveCanned()
}
if mode == "all" {
    let calls = 1_000_000
    let vm = try LuaVM()
    try vm.installModule(named: "bench", functions: [
        .sync("noop") { arguments in
            _ = try arguments.string(1)
            return .none
        }
    ])
    let loop = try vm.compile("local f = bench.noop for i = 1, \(calls) do f('customer-1') end", chunkName: "host-calls")
    let luaLoop = try vm.compile("local function f(s) end for i = 1, \(calls) do f('customer-1') end", chunkName: "lua-calls")
    let host = try best(of: 7) { try vm.run(loop) }
    let lua = try best(of: 7) { try vm.run(luaLoop) }
    print("host_call_ns \(host / Double(calls) * 1e9)")
    print("lua_call_ns \(lua / Double(calls) * 1e9)")

    let fanOut = await LuaThread.run { () -> Double in
        let vm = try! LuaVM()
        try! vm.installModule(named: "bench", functions: [])
        let chunk = try! vm.compile("""
            local items = {}
            for i = 1, 1000 do items[i] = i end
            bench.parallel(items, function() bench.sleep(0.1) end, { concurrency = 1000 })
            """, chunkName: "fan-out")
        return best(of: 5) { try! vm.run(chunk) }
    }
    print("fanout_ms \(fanOut * 1000)")
}

let overhead = try await inProcessOverhead()
print("client_inprocess_us \(overhead.client)")
print("transport_inprocess_us \(overhead.transport)")
if mode != "overhead" {
    for line in try await loopback() { print(line) }
}
