import LuaRuntime

/// Runs `source` in a fresh VM on a VM thread and returns the main chunk's results or the error.
func evaluateOnLuaThread(
    _ source: String, configuration: LuaVM.Configuration = .init(), functions: [HostFunction] = []
) async -> Result<[LuaValue?], LuaError> {
    let box = UncheckedFunctions(functions: functions)
    return await LuaThread.run {
        do {
            let vm = try LuaVM(configuration: configuration)
            try vm.installModule(named: "host", functions: box.functions)
            return .success(try vm.evaluate(source))
        } catch {
            return .failure(error as! LuaError)
        }
    }
}

/// Host functions moved to the VM thread once, never shared.
struct UncheckedFunctions: @unchecked Sendable {
    let functions: [HostFunction]
}

/// A VM with a `host` module of the given functions, for synchronous tests.
func makeVM(_ functions: [HostFunction] = [], configuration: LuaVM.Configuration = .init()) throws -> LuaVM {
    let vm = try LuaVM(configuration: configuration)
    try vm.installModule(named: "host", functions: functions)
    return vm
}
