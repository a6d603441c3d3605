import LuaRuntime

extension WholesaleModule {
    /// `strict_fields([on])`: with `true`, a body with a field the API does not know is a
    /// `validation` error and is not sent (as under `--strict-fields`); with `false`, a warning
    /// again. Returns the setting before the call; without an argument it only reads it.
    static func strictFields(_ context: PlaybookContext) -> HostFunction {
        .sync("strict_fields") { arguments in
            let before = context.strictFields
            if let on = try arguments.optionalBoolean(1) {
                context.strictFields = on
                context.session?.client.warnings.strictFields = on
            }
            return .value(.boolean(before))
        }
    }
}
