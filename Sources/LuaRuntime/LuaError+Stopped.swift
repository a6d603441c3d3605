internal import CLuaShims

extension LuaError {
    /// The error of an engine that was stopped (a limit, an interrupt), or `nil` while it runs.
    static func stopped(_ engine: OpaquePointer, limits: LuaVM.Configuration) -> LuaError? {
        switch wl_engine_kill_reason(engine) {
        case Int32(WL_KILL_TIME):
            let seconds = limits.timeLimit.map { LimitText.seconds($0) } ?? "?"
            return LuaError(kind: .timeLimit, message: "time limit of \(seconds) exceeded")
        case Int32(WL_KILL_MEMORY):
            let bytes = limits.memoryLimit.map { LimitText.bytes($0) } ?? "?"
            let detail = String(cString: wl_engine_stop_detail(engine))
            return LuaError(kind: .memoryLimit, message: "memory limit of \(bytes) exceeded" + (detail.isEmpty ? "" : " (\(detail))"))
        case Int32(WL_KILL_INTERRUPT):
            return LuaError(kind: .interrupted, message: "the run was interrupted")
        default:
            return nil
        }
    }
}

/// Human wording of limits in messages.
enum LimitText {
    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }

    static func bytes(_ b: Int) -> String {
        b % (1 << 20) == 0 ? "\(b >> 20) MB" : "\(b) bytes"
    }

    /// A size for people: `15.0 MB`, `512 KB`, `300 bytes`.
    static func size(_ b: Int) -> String {
        if b >= 1 << 20 { return "\((Double(b) / Double(1 << 20) * 10).rounded() / 10) MB" }
        if b >= 1 << 10 { return "\(b >> 10) KB" }
        return "\(b) bytes"
    }
}
