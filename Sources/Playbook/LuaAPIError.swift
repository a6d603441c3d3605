import JSONValues
import LuaRuntime
import WholesaleAPI

/// A client failure as a Lua error table (lua-api.md §4): `kind`, `operation`, `message`, and
/// where they apply `status`, `code` (the first Webex code), `codes`, `errors`, `trackingId`,
/// `retryable`, `attempts` and `problems`; `tostring` gives the client's one-line description.
struct LuaAPIError: LuaRaisable {
    let error: WholesaleError

    init(_ error: WholesaleError) { self.error = error }

    var luaFields: [String: LuaValue] {
        var fields: [String: LuaValue] = [
            "kind": .string(error.kind.description), "operation": .string(error.operation), "message": .string(error.message),
            "retryable": .boolean(error.retryable),
        ]
        if let status = error.status { fields["status"] = .integer(Int64(status)) }
        if let code = error.codes.first { fields["code"] = .integer(Int64(code)) }
        if !error.codes.isEmpty { fields["codes"] = .array(error.codes.map { .integer(Int64($0)) }) }
        if !error.errors.isEmpty { fields["errors"] = .array(error.errors.map(LuaValue.init)) }
        if let trackingId = error.trackingId { fields["trackingId"] = .string(trackingId) }
        if error.attempts > 0 { fields["attempts"] = .integer(Int64(error.attempts)) }
        if !error.problems.isEmpty { fields["problems"] = .array(error.problems.map { LuaValue($0.json) }) }
        return fields
    }

    var luaLine: String { error.description }
}

extension WholesaleError {
    /// The same error, named after the Lua function the playbook called (`customers.find` for
    /// the list it runs).
    func renamed(_ operation: String) -> WholesaleError {
        var error = self
        error.operation = operation
        return error
    }
}
