package import JSONValues
package import LuaRuntime
package import WholesaleAPI

extension HostError {
    /// A client failure as the Lua error table a playbook catches (lua-api.md §4): `kind`,
    /// `operation`, `message`, and where they apply `status`, `code` (the first Webex code),
    /// `codes`, `errors`, `trackingId`, `retryable`, `attempts` and `problems`; `tostring` gives
    /// the client's one-line description. The one place a `WholesaleError` becomes Lua's.
    package init(_ error: WholesaleError) {
        var fields: [String: LuaValue] = ["operation": .string(error.operation), "retryable": .boolean(error.retryable)]
        if let status = error.status { fields["status"] = .integer(Int64(status)) }
        if let code = error.codes.first { fields["code"] = .integer(Int64(code)) }
        if !error.codes.isEmpty { fields["codes"] = .array(error.codes.map { .integer(Int64($0)) }) }
        if !error.errors.isEmpty { fields["errors"] = .array(error.errors.map(LuaValue.init)) }
        if let trackingId = error.trackingId { fields["trackingId"] = .string(trackingId) }
        if error.attempts > 0 { fields["attempts"] = .integer(Int64(error.attempts)) }
        if !error.problems.isEmpty { fields["problems"] = .array(error.problems.map { LuaValue($0.json) }) }
        self.init(kind: error.kind, message: error.message, extra: fields, line: error.description)
    }
}
