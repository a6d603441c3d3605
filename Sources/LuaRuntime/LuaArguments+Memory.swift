internal import CLuaShims

extension LuaArguments {
    /// Bytes the script may still take under the VM's memory limit (`Int.max` without one).
    public var memoryLeft: Int {
        Int(clamping: wl_engine_memory_left(wl_engine_of_state(L)))
    }

    /// Counts `bytes` of Swift memory against the VM's memory limit until this call returns to
    /// Lua (its results pushed): memory the function is about to hold for the script, such as
    /// a file's bytes or a parse tree. When they do not fit in what is left, the run stops now
    /// as for Lua's own memory (exit code and message of the memory limit, naming `purpose`),
    /// and this throws an error that ends the function (Lua never sees it).
    public func chargeMemory(_ bytes: Int, for purpose: @autoclosure () -> String) throws(HostError) {
        let engine = wl_engine_of_state(L)
        let left = wl_engine_memory_left(engine)
        guard bytes > 0 else { return }
        let detail = bytes <= left ? "" : "\(purpose()) needs about \(LimitText.size(bytes)), \(LimitText.size(Int(clamping: left))) left"
        guard wl_engine_charge_call(engine, bytes, detail) == 0 else { return }
        throw HostError(kind: .limit, message: detail)
    }
}
